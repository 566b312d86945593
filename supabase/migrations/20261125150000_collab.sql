-- Collaboration server persistence: an append-only log of Yjs updates per paper plus one compacted
-- snapshot. Only the collaboration server (system task 'collab', service_role) reads or writes these
-- tables; people reach document content through the socket, never through SQL.

create table public.collab_updates (
  doc_id uuid not null references public.papers (id) on delete cascade,
  -- Global identity: unique per row, increasing in insertion order (not necessarily commit order).
  seq bigint generated always as identity,
  update bytea not null,
  user_id uuid references auth.users (id) on delete set null,
  created_at timestamptz not null default now(),
  primary key (doc_id, seq)
);

create table public.collab_snapshots (
  doc_id uuid primary key references public.papers (id) on delete cascade,
  state bytea not null,
  state_vector bytea not null,
  -- Highest log seq merged into `state` (the log rows it replaced are deleted).
  through_seq bigint not null default 0,
  updated_at timestamptz not null default now()
);

-- The ticket signing secret, shared by every app node through the database (DATA_DIR is per node).
create table public.collab_secrets (
  id smallint primary key default 1 check (id = 1),
  secret bytea not null check (octet_length(secret) >= 32),
  created_at timestamptz not null default now()
);

revoke all on public.collab_updates, public.collab_snapshots, public.collab_secrets from public, anon, authenticated, service_role;
grant select, insert, delete on public.collab_updates to service_role;
grant select, insert, update, delete on public.collab_snapshots to service_role;
grant select, insert on public.collab_secrets to service_role;

alter table public.collab_updates enable row level security;
alter table public.collab_snapshots enable row level security;
alter table public.collab_secrets enable row level security;

-- No policies for `authenticated`: RLS with no policy denies everything (and there are no grants either).
-- service_role bypasses RLS in Supabase; the platform bootstrap gives it the same attribute.
