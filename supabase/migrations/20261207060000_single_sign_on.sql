-- Single sign-on with local auth (#17). Which provider identity (issuer + subject) belongs to which account:
-- linked at the first sign-in by the provider's verified e-mail address, only to an account that exists
-- (people get accounts by invitation, never by signing in), and found by the identity from then on. And the
-- states of sign-ins that came back, so that a state is accepted once. Both are read and written only by
-- the system task `local-auth` (service_role); with Supabase Auth, GoTrue keeps its own (auth.identities,
-- auth.flow_state) and these tables stay empty.

create table public.sso_identities (
  issuer text not null check (char_length(issuer) between 1 and 500),
  subject text not null check (char_length(subject) between 1 and 255),
  user_id uuid not null references auth.users (id) on delete cascade,
  created_at timestamptz not null default now(),
  last_sign_in_at timestamptz not null default now(),
  primary key (issuer, subject)
);
create index sso_identities_user_id_idx on public.sso_identities (user_id);
alter table public.sso_identities enable row level security;
revoke all on public.sso_identities from public, anon, authenticated;
grant select, insert, update, delete on public.sso_identities to service_role;

create table public.sso_used_states (
  -- SHA-256 of the state: the table never holds a value that could be replayed.
  state_hash text primary key check (char_length(state_hash) = 64),
  used_at timestamptz not null default now()
);
create index sso_used_states_used_at_idx on public.sso_used_states (used_at);
alter table public.sso_used_states enable row level security;
revoke all on public.sso_used_states from public, anon, authenticated;
grant select, insert, delete on public.sso_used_states to service_role;
