-- Two-factor sign-in (#17). Local auth keeps each person's TOTP factor and recovery codes here (with
-- Supabase Auth, GoTrue keeps factors in auth.mfa_factors); both tables are closed to every request role
-- and used only by the named system task 'local-auth'. A board setting and a platform setting require a
-- second factor for office, chair and platform admins; where required, writes to members and roles are
-- refused in the database unless the request's JWT says aal2 (Supabase's documented restrictive-policy
-- pattern on auth.jwt() ->> 'aal').

create table public.platform_settings (
  id boolean primary key default true check (id),
  require_two_factor boolean not null default false,
  updated_at timestamptz not null default now()
);
insert into public.platform_settings (id) values (true);
alter table public.platform_settings enable row level security;
revoke all on public.platform_settings from public, anon, authenticated;
grant select on public.platform_settings to authenticated;
grant update (require_two_factor, updated_at) on public.platform_settings to authenticated;
grant select, update on public.platform_settings to service_role;
create policy platform_settings_select on public.platform_settings for select to authenticated using (true);
create policy platform_settings_update on public.platform_settings for update to authenticated
  using ((select public.is_platform_admin())) with check ((select public.is_platform_admin()));

alter table public.boards add column require_two_factor boolean not null default false;

create table public.totp_factors (
  user_id uuid primary key references auth.users (id) on delete cascade,
  -- Base32; shown once at enrolment, needed to check codes.
  secret text not null check (char_length(secret) between 16 and 128),
  confirmed_at timestamptz,
  -- The newest accepted 30-second step: a code is accepted once, and never one older than it.
  last_step bigint,
  created_at timestamptz not null default now()
);
alter table public.totp_factors enable row level security;
revoke all on public.totp_factors from public, anon, authenticated;
grant select, insert, update, delete on public.totp_factors to service_role;

create table public.mfa_recovery_codes (
  id bigint generated always as identity primary key,
  user_id uuid not null references auth.users (id) on delete cascade,
  -- SHA-256 of the normalised code: a leak of the table does not leak usable codes.
  code_hash text not null,
  used_at timestamptz,
  created_at timestamptz not null default now(),
  unique (user_id, code_hash)
);
alter table public.mfa_recovery_codes enable row level security;
revoke all on public.mfa_recovery_codes from public, anon, authenticated;
grant select, insert, update, delete on public.mfa_recovery_codes to service_role;
revoke all on sequence public.mfa_recovery_codes_id_seq from public, anon, authenticated;

-- Whether a second factor is required of the caller: office or chair of a board that requires it, or
-- (platform setting) an admin, office or chair anywhere.
create function public.two_factor_required() returns boolean
language sql stable security definer set search_path = '' as $$
  select exists (
    select 1 from public.memberships m join public.boards b on b.id = m.board_id
    where m.user_id = (select auth.uid()) and m.active and m.role in ('office', 'chair')
      and (b.require_two_factor or (select s.require_two_factor from public.platform_settings s))
  ) or (
    (select s.require_two_factor from public.platform_settings s)
    and exists (select 1 from public.platform_admins a where a.user_id = (select auth.uid()))
  )
$$;
revoke all on function public.two_factor_required() from public, anon;
grant execute on function public.two_factor_required() to authenticated, service_role;

-- Whether the request may make a sensitive write in `p_board` (null: a platform-wide write): always with
-- a second factor (aal2), without one only where neither the board nor the platform requires it.
create function public.assurance_allows(p_board uuid) returns boolean
language plpgsql stable security definer set search_path = '' as $$
begin
  if coalesce(auth.jwt() ->> 'aal', 'aal1') = 'aal2' then
    return true;
  end if;
  return not (
    (select s.require_two_factor from public.platform_settings s)
    or coalesce((select b.require_two_factor from public.boards b where b.id = p_board), false)
  );
end
$$;
revoke all on function public.assurance_allows(uuid) from public, anon;
grant execute on function public.assurance_allows(uuid) to authenticated;

create policy memberships_insert_aal on public.memberships as restrictive for insert to authenticated
  with check (public.assurance_allows(board_id));
create policy memberships_update_aal on public.memberships as restrictive for update to authenticated
  using (public.assurance_allows(board_id)) with check (public.assurance_allows(board_id));
create policy memberships_delete_aal on public.memberships as restrictive for delete to authenticated
  using (public.assurance_allows(board_id));
create policy invitations_insert_aal on public.invitations as restrictive for insert to authenticated
  with check (public.assurance_allows(board_id));
create policy invitations_update_aal on public.invitations as restrictive for update to authenticated
  using (public.assurance_allows(board_id)) with check (public.assurance_allows(board_id));
create policy invitations_delete_aal on public.invitations as restrictive for delete to authenticated
  using (public.assurance_allows(board_id));
create policy platform_admins_insert_aal on public.platform_admins as restrictive for insert to authenticated
  with check (public.assurance_allows(null));
create policy platform_admins_delete_aal on public.platform_admins as restrictive for delete to authenticated
  using (public.assurance_allows(null));

-- What the request gate needs about the caller: a confirmed local factor, and whether one is required.
create function public.two_factor_state() returns table (enrolled boolean, required boolean)
language sql stable security definer set search_path = '' as $$
  select exists (
      select 1 from public.totp_factors f where f.user_id = (select auth.uid()) and f.confirmed_at is not null
    ), public.two_factor_required()
$$;
revoke all on function public.two_factor_state() from public, anon;
grant execute on function public.two_factor_state() to authenticated;
