-- Two-factor sign-in with Supabase Auth (#17): GoTrue keeps the factors in auth.mfa_factors of the same
-- database, so the request gate reads a verified factor there as well as a confirmed local one. Read in the
-- request's transaction, not from the session cookie's user record, which the browser could alter.
create or replace function public.two_factor_state() returns table (enrolled boolean, required boolean)
language sql stable security definer set search_path = '' as $$
  select exists (
      select 1 from public.totp_factors f where f.user_id = (select auth.uid()) and f.confirmed_at is not null
    ) or exists (
      select 1 from auth.mfa_factors m where m.user_id = (select auth.uid()) and m.status::text = 'verified'
    ), public.two_factor_required()
$$;
revoke all on function public.two_factor_state() from public, anon;
grant execute on function public.two_factor_state() to authenticated;
