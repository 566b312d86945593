-- Suggestions (track changes, issue #15): the suggestions themselves are marks in the paper's Yjs document;
-- accepting or rejecting one changes the document (through the collaboration server) and leaves this row, so
-- the paper's history and the audit trail say who decided what about whose suggestion, and when.
create table public.paper_suggestion_decisions (
  id uuid primary key default gen_random_uuid(),
  board_id uuid not null references public.boards (id) on delete cascade,
  paper_id uuid not null references public.papers (id) on delete cascade,
  -- The suggestion's id in the document (mark attribute), its kind, author and text at the time.
  suggestion_id text not null check (char_length(suggestion_id) between 1 and 200),
  kind text not null check (kind in ('insert', 'delete')),
  author_id uuid references auth.users (id) on delete set null,
  author_name text check (char_length(author_name) <= 200),
  body text not null default '' check (char_length(body) <= 2000),
  section text check (char_length(section) <= 500),
  decision text not null check (decision in ('accepted', 'rejected')),
  decided_by uuid default auth.uid() references auth.users (id) on delete set null,
  decided_at timestamptz not null default now()
);
create index paper_suggestion_decisions_paper_idx on public.paper_suggestion_decisions (paper_id, decided_at desc);
create index paper_suggestion_decisions_board_idx on public.paper_suggestion_decisions (board_id);
create index paper_suggestion_decisions_author_idx on public.paper_suggestion_decisions (author_id);
create index paper_suggestion_decisions_decided_by_idx on public.paper_suggestion_decisions (decided_by);

revoke all on public.paper_suggestion_decisions from public, anon, authenticated, service_role;
grant select, insert on public.paper_suggestion_decisions to authenticated;
grant all on public.paper_suggestion_decisions to service_role;
alter table public.paper_suggestion_decisions enable row level security;

-- Whoever may open the paper reads its history.
create policy paper_suggestion_decisions_select on public.paper_suggestion_decisions for select to authenticated
  using (public.paper_access_of(paper_id) is not null);
-- Editors of the paper record decisions; a commenter records only withdrawing their own suggestion.
create policy paper_suggestion_decisions_insert on public.paper_suggestion_decisions for insert to authenticated
  with check (
    decided_by = (select auth.uid())
    and board_id = (select p.board_id from public.papers p where p.id = paper_id)
    and (
      public.paper_access_of(paper_id) = 'edit'
      or (public.paper_access_of(paper_id) = 'comment' and author_id = (select auth.uid()) and decision = 'rejected')
    )
  );

create trigger audit_row_change after insert or update or delete on public.paper_suggestion_decisions
  for each row execute function public.audit_row_change('board_id', 'id', '');
