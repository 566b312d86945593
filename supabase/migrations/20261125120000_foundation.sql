-- Foundation: boards, people, memberships, invitations, the mail outbox and sign-in throttling.
-- Every table: RLS on, explicit grants (revoke all, then grant), policies to authenticated.

create type public.board_role as enum ('office', 'chair', 'deputy', 'member', 'advisor', 'guest');

create table public.boards (
  id uuid primary key default gen_random_uuid(),
  slug text not null unique check (slug ~ '^[a-z0-9][a-z0-9-]{1,62}$'),
  name text not null check (char_length(name) between 1 and 200),
  created_at timestamptz not null default now()
);

create table public.profiles (
  user_id uuid primary key references auth.users (id) on delete cascade,
  email text not null check (char_length(email) <= 320),
  display_name text not null check (char_length(display_name) between 1 and 120),
  organisation text check (char_length(organisation) <= 200),
  "function" text check (char_length("function") <= 200),
  locale text not null default 'de' check (locale in ('de', 'en')),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);

create unique index profiles_email_key on public.profiles (lower(email));

create table public.memberships (
  id uuid primary key default gen_random_uuid(),
  board_id uuid not null references public.boards (id) on delete cascade,
  user_id uuid not null references auth.users (id) on delete cascade,
  role public.board_role not null,
  organisation text check (char_length(organisation) <= 200),
  "function" text check (char_length("function") <= 200),
  active boolean not null default true,
  invited_at timestamptz,
  joined_at timestamptz,
  unique (board_id, user_id)
);
create index memberships_user_id_idx on public.memberships (user_id, board_id) where active;

create table public.platform_admins (
  user_id uuid primary key references auth.users (id) on delete cascade,
  created_at timestamptz not null default now()
);

create table public.invitations (
  id uuid primary key default gen_random_uuid(),
  board_id uuid not null references public.boards (id) on delete cascade,
  email text not null check (email ~ '^[^@\s]+@[^@\s]+\.[^@\s]+$' and char_length(email) <= 320),
  role public.board_role not null,
  organisation text check (char_length(organisation) <= 200),
  "function" text check (char_length("function") <= 200),
  token_hash text not null unique,
  invited_by uuid references auth.users (id) on delete set null,
  created_at timestamptz not null default now(),
  expires_at timestamptz not null,
  accepted_at timestamptz,
  revoked_at timestamptz
);
create index invitations_board_id_idx on public.invitations (board_id);
-- At most one open invitation per person and board; resending replaces the token.
create unique index invitations_open_key on public.invitations (board_id, lower(email))
  where accepted_at is null and revoked_at is null;

create table public.mail_outbox (
  id uuid primary key default gen_random_uuid(),
  to_email text not null,
  subject text not null,
  body_text text not null,
  kind text not null,
  board_id uuid references public.boards (id) on delete set null,
  created_at timestamptz not null default now(),
  sent_at timestamptz,
  attempts integer not null default 0,
  last_error text
);
create index mail_outbox_unsent_idx on public.mail_outbox (created_at) where sent_at is null;

create table public.sign_in_attempts (
  id bigint generated always as identity primary key,
  email text not null,
  ip text not null,
  succeeded boolean not null,
  created_at timestamptz not null default now()
);
create index sign_in_attempts_email_idx on public.sign_in_attempts (lower(email), created_at);
create index sign_in_attempts_ip_idx on public.sign_in_attempts (ip, created_at);

-- Helpers for policies: security definer so policies do not recurse through memberships' own RLS.

create function public.is_platform_admin() returns boolean
language sql stable security definer set search_path = '' as $$
  select exists (select 1 from public.platform_admins a where a.user_id = (select auth.uid()))
$$;

create function public.has_board_role(p_board uuid, p_roles public.board_role[]) returns boolean
language sql stable security definer set search_path = '' as $$
  select exists (
    select 1 from public.memberships m
    where m.board_id = p_board and m.user_id = (select auth.uid()) and m.active and m.role = any (p_roles)
  )
$$;

-- Everyone in a board except guests sees the board's people; guests see only themselves.
create function public.shares_board_with(p_user uuid) returns boolean
language sql stable security definer set search_path = '' as $$
  select exists (
    select 1
    from public.memberships mine
    join public.memberships theirs on theirs.board_id = mine.board_id
    where mine.user_id = (select auth.uid()) and mine.active and mine.role <> 'guest'
      and theirs.user_id = p_user
  )
$$;

-- A person may use Beirat while they are a platform admin or hold at least one active membership.
create function public.account_is_active(p_user uuid) returns boolean
language sql stable security definer set search_path = '' as $$
  select exists (select 1 from public.platform_admins a where a.user_id = p_user)
      or exists (select 1 from public.memberships m where m.user_id = p_user and m.active)
$$;

revoke all on function public.is_platform_admin(), public.has_board_role(uuid, public.board_role[]),
  public.shares_board_with(uuid), public.account_is_active(uuid) from public, anon;
grant execute on function public.is_platform_admin(), public.has_board_role(uuid, public.board_role[]),
  public.shares_board_with(uuid) to authenticated, service_role;
grant execute on function public.account_is_active(uuid) to service_role;

-- Grants: revoke everything, then grant exactly what the policies below need.
revoke all on public.boards, public.profiles, public.memberships, public.platform_admins,
  public.invitations, public.mail_outbox, public.sign_in_attempts from public, anon, authenticated, service_role;
grant select, insert, update, delete on public.boards, public.memberships, public.platform_admins,
  public.invitations to authenticated;
grant select, insert, delete on public.profiles to authenticated;
grant update (display_name, organisation, "function", locale, updated_at) on public.profiles to authenticated;
grant select on public.mail_outbox to authenticated;
grant all on public.boards, public.profiles, public.memberships, public.platform_admins,
  public.invitations, public.mail_outbox, public.sign_in_attempts to service_role;

alter table public.boards enable row level security;
alter table public.profiles enable row level security;
alter table public.memberships enable row level security;
alter table public.platform_admins enable row level security;
alter table public.invitations enable row level security;
alter table public.mail_outbox enable row level security;
alter table public.sign_in_attempts enable row level security;

create policy boards_select on public.boards for select to authenticated
  using (public.has_board_role(id, '{office,chair,deputy,member,advisor,guest}') or (select public.is_platform_admin()));
create policy boards_insert on public.boards for insert to authenticated
  with check ((select public.is_platform_admin()));
create policy boards_update on public.boards for update to authenticated
  using ((select public.is_platform_admin())) with check ((select public.is_platform_admin()));
create policy boards_delete on public.boards for delete to authenticated
  using ((select public.is_platform_admin()));

create policy profiles_select on public.profiles for select to authenticated
  using (user_id = (select auth.uid()) or public.shares_board_with(user_id) or (select public.is_platform_admin()));
create policy profiles_insert on public.profiles for insert to authenticated
  with check (user_id = (select auth.uid()));
create policy profiles_update on public.profiles for update to authenticated
  using (user_id = (select auth.uid())) with check (user_id = (select auth.uid()));
create policy profiles_delete on public.profiles for delete to authenticated
  using ((select public.is_platform_admin()));

create policy memberships_select on public.memberships for select to authenticated
  using (
    (user_id = (select auth.uid()) and active)
    or public.has_board_role(board_id, '{office,chair,deputy,member,advisor}')
    or (select public.is_platform_admin())
  );
create policy memberships_insert on public.memberships for insert to authenticated
  with check (public.has_board_role(board_id, '{office}') or (select public.is_platform_admin()));
create policy memberships_update on public.memberships for update to authenticated
  using (public.has_board_role(board_id, '{office}') or (select public.is_platform_admin()))
  with check (public.has_board_role(board_id, '{office}') or (select public.is_platform_admin()));
create policy memberships_delete on public.memberships for delete to authenticated
  using (public.has_board_role(board_id, '{office}') or (select public.is_platform_admin()));

create policy platform_admins_select on public.platform_admins for select to authenticated
  using (user_id = (select auth.uid()) or (select public.is_platform_admin()));
create policy platform_admins_insert on public.platform_admins for insert to authenticated
  with check ((select public.is_platform_admin()));
create policy platform_admins_update on public.platform_admins for update to authenticated
  using ((select public.is_platform_admin())) with check ((select public.is_platform_admin()));
create policy platform_admins_delete on public.platform_admins for delete to authenticated
  using ((select public.is_platform_admin()));

create policy invitations_select on public.invitations for select to authenticated
  using (public.has_board_role(board_id, '{office}') or (select public.is_platform_admin()));
create policy invitations_insert on public.invitations for insert to authenticated
  with check (public.has_board_role(board_id, '{office}') or (select public.is_platform_admin()));
create policy invitations_update on public.invitations for update to authenticated
  using (public.has_board_role(board_id, '{office}') or (select public.is_platform_admin()))
  with check (public.has_board_role(board_id, '{office}') or (select public.is_platform_admin()));
create policy invitations_delete on public.invitations for delete to authenticated
  using (public.has_board_role(board_id, '{office}') or (select public.is_platform_admin()));

-- Only platform admins read the outbox in the app; mail jobs write it as service_role.
create policy mail_outbox_select on public.mail_outbox for select to authenticated
  using ((select public.is_platform_admin()));
