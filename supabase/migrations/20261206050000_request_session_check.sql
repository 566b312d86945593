-- Local auth checks on every request that the session behind a verified access token is still live (not
-- signed out elsewhere, not expired, the account not deleted or banned). That check used to be a transaction
-- of its own as service_role before the request's transaction; this function lets it run inside the
-- request's first transaction as `authenticated` (#13: one transaction less per signed-in page).
-- Security definer because auth.sessions stays closed to `authenticated`; it answers only for the caller's
-- own session (the claims the request wrapper set), so it reveals nothing about anyone else's. With
-- Supabase Auth it is unused: GoTrue judges its sessions itself.

create function public.request_session_is_live() returns boolean
language plpgsql stable security definer set search_path = '' as $$
declare
  v_session text := auth.jwt() ->> 'session_id';
begin
  if v_session is null or v_session !~ '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$' then
    return false;
  end if;
  return exists (
    select 1 from auth.sessions s join auth.users u on u.id = s.user_id
    where s.id = v_session::uuid and s.user_id = auth.uid()
      and s.not_after > now() and u.deleted_at is null and (u.banned_until is null or u.banned_until < now())
  );
end
$$;

revoke all on function public.request_session_is_live() from public, anon;
grant execute on function public.request_session_is_live() to authenticated;
