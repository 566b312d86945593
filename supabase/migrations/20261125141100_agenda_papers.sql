-- Papers attached to agenda items. A link is visible only to someone who sees both the item (RLS on
-- agenda_items: non-public items stay with full members) and the paper (public.paper_access_of).

create table public.agenda_item_papers (
  item_id uuid not null references public.agenda_items (id) on delete cascade,
  paper_id uuid not null references public.papers (id) on delete cascade,
  meeting_id uuid not null references public.meetings (id) on delete cascade,
  created_by uuid references auth.users (id) on delete set null,
  created_at timestamptz not null default now(),
  primary key (item_id, paper_id)
);
create index agenda_item_papers_paper_idx on public.agenda_item_papers (paper_id);
create index agenda_item_papers_meeting_idx on public.agenda_item_papers (meeting_id);

revoke all on public.agenda_item_papers from public, anon, authenticated, service_role;
grant select, insert, delete on public.agenda_item_papers to authenticated;
grant all on public.agenda_item_papers to service_role;

alter table public.agenda_item_papers enable row level security;

create policy agenda_item_papers_select on public.agenda_item_papers for select to authenticated
  using (
    public.paper_access_of(paper_id) is not null
    and exists (select 1 from public.agenda_items i where i.id = item_id)
  );
-- Only the office links, and only an item of this meeting to a paper of the meeting's own board.
create policy agenda_item_papers_insert on public.agenda_item_papers for insert to authenticated
  with check (
    public.has_board_role(public.meeting_board_of(meeting_id), '{office}')
    and exists (select 1 from public.agenda_items i where i.id = item_id and i.meeting_id = agenda_item_papers.meeting_id)
    and exists (select 1 from public.papers p where p.id = paper_id and p.board_id = public.meeting_board_of(agenda_item_papers.meeting_id))
  );
create policy agenda_item_papers_delete on public.agenda_item_papers for delete to authenticated
  using (public.has_board_role(public.meeting_board_of(meeting_id), '{office}'));
