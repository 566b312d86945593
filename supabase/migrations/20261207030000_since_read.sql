-- Changed since you last read (#15). Per person and paper the text they last marked as read (its blocks, the
-- same shape the app derives from the Yjs document), who wrote which Yjs client's insertions and when each
-- person last edited a paper (written by the collaboration server's commit, never compacted away like the
-- update log), and per person and meeting when they last downloaded the board book.

create table public.paper_reads (
  paper_id uuid not null references public.papers (id) on delete cascade,
  user_id uuid not null references auth.users (id) on delete cascade,
  -- [[block key, block text], …] of the document as it was read.
  blocks jsonb not null,
  read_at timestamptz not null default now(),
  primary key (paper_id, user_id)
);
create index paper_reads_user_idx on public.paper_reads (user_id);

-- A Yjs client id is random per editor session; its insertions belong to the person whose socket sent them.
create table public.paper_edit_clients (
  paper_id uuid not null references public.papers (id) on delete cascade,
  client_id bigint not null,
  user_id uuid not null references auth.users (id) on delete cascade,
  primary key (paper_id, client_id)
);

create table public.paper_editors (
  paper_id uuid not null references public.papers (id) on delete cascade,
  user_id uuid not null references auth.users (id) on delete cascade,
  last_edit_at timestamptz not null default now(),
  primary key (paper_id, user_id)
);

create table public.boardbook_downloads (
  meeting_id uuid not null references public.meetings (id) on delete cascade,
  user_id uuid not null references auth.users (id) on delete cascade,
  downloaded_at timestamptz not null default now(),
  primary key (meeting_id, user_id)
);
create index boardbook_downloads_user_idx on public.boardbook_downloads (user_id);

revoke all on public.paper_reads, public.paper_edit_clients, public.paper_editors, public.boardbook_downloads
  from public, anon, authenticated, service_role;
grant select, insert, update, delete on public.paper_reads to authenticated;
grant select, insert, update on public.boardbook_downloads to authenticated;
grant select on public.paper_edit_clients, public.paper_editors to authenticated;
grant all on public.paper_reads, public.paper_edit_clients, public.paper_editors, public.boardbook_downloads
  to service_role;

alter table public.paper_reads enable row level security;
alter table public.paper_edit_clients enable row level security;
alter table public.paper_editors enable row level security;
alter table public.boardbook_downloads enable row level security;

-- Only one's own read state, and only of a paper one may still open.
create policy paper_reads_own on public.paper_reads for all to authenticated
  using (user_id = (select auth.uid()) and public.paper_access_of(paper_id) is not null)
  with check (user_id = (select auth.uid()) and public.paper_access_of(paper_id) is not null);

-- Who edited a paper is visible to whoever may open it (the paper already names its last editor).
create policy paper_edit_clients_select on public.paper_edit_clients for select to authenticated
  using (public.paper_access_of(paper_id) is not null);
create policy paper_editors_select on public.paper_editors for select to authenticated
  using (public.paper_access_of(paper_id) is not null);

-- One's own downloads, of meetings one sees (the meetings' own policies apply inside the check).
create policy boardbook_downloads_own on public.boardbook_downloads for all to authenticated
  using (user_id = (select auth.uid()))
  with check (user_id = (select auth.uid()) and exists (select 1 from public.meetings m where m.id = meeting_id));
