-- Sessions (#17): a person sees their sessions with their last use. The per-request session check records
-- that use, at most once per five minutes per session, so a page costs no write in the common case. The
-- row is skipped when another request holds it (skip locked): two parallel requests of one browser never
-- wait for each other's transaction. Volatile because it may write; otherwise as 20261206050000.

create or replace function public.request_session_is_live() returns boolean
language plpgsql volatile security definer set search_path = '' as $$
declare
  v_session text := auth.jwt() ->> 'session_id';
  v_live boolean;
begin
  if v_session is null or v_session !~ '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$' then
    return false;
  end if;
  v_live := exists (
    select 1 from auth.sessions s join auth.users u on u.id = s.user_id
    where s.id = v_session::uuid and s.user_id = auth.uid()
      and s.not_after > now() and u.deleted_at is null and (u.banned_until is null or u.banned_until < now())
  );
  if v_live then
    update auth.sessions set updated_at = now()
    where id = (
      select id from auth.sessions
      where id = v_session::uuid and (updated_at is null or updated_at < now() - interval '5 minutes')
      for update skip locked
    );
  end if;
  return v_live;
end
$$;

revoke all on function public.request_session_is_live() from public, anon;
grant execute on function public.request_session_is_live() to authenticated;
