-- Who deleted what (#15, "changed since you last read"). A Yjs deletion carries no author: the collaboration
-- server records, in the same transaction as the update, the deleted Yjs item ranges (client, clock, length)
-- of each update a known person sent. The update the server stores holds only what that update newly deleted,
-- so a reconnect that resends old deletions records nothing twice. Read by the "since you last read" view
-- to name who removed a passage; kept when the update log is compacted.

create table public.paper_deletions (
  paper_id uuid not null references public.papers (id) on delete cascade,
  client_id bigint not null,
  clock bigint not null,
  len integer not null check (len > 0),
  user_id uuid not null references auth.users (id) on delete cascade,
  deleted_at timestamptz not null default now(),
  primary key (paper_id, client_id, clock)
);
create index paper_deletions_paper_time_idx on public.paper_deletions (paper_id, deleted_at);
create index paper_deletions_user_idx on public.paper_deletions (user_id);

revoke all on public.paper_deletions from public, anon, authenticated, service_role;
grant select on public.paper_deletions to authenticated;
grant all on public.paper_deletions to service_role;

alter table public.paper_deletions enable row level security;

-- Like the paper's editors: visible to whoever may open the paper; written only by the collaboration server.
create policy paper_deletions_select on public.paper_deletions for select to authenticated
  using (public.paper_access_of(paper_id) is not null);
