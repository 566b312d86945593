-- Strategy papers: a board's documents, co-edited through the collaboration server.
-- Access: the whole board (with a default level), or restricted to named people; guests only when named.

create type public.paper_status as enum ('draft', 'discussion', 'adopted', 'archived');
create type public.paper_access_level as enum ('view', 'comment', 'edit');

create table public.papers (
  id uuid primary key default gen_random_uuid(),
  board_id uuid not null references public.boards (id) on delete cascade,
  title text not null check (char_length(title) between 1 and 200),
  status public.paper_status not null default 'draft',
  tags text[] not null default '{}' check (cardinality(tags) <= 20),
  -- 'board': every full member has board_access; 'restricted': only people in paper_access.
  visibility text not null default 'board' check (visibility in ('board', 'restricted')),
  board_access public.paper_access_level not null default 'edit',
  created_by uuid references auth.users (id) on delete set null,
  created_at timestamptz not null default now(),
  updated_by uuid references auth.users (id) on delete set null,
  updated_at timestamptz not null default now()
);
create index papers_board_idx on public.papers (board_id, updated_at desc);

create table public.paper_access (
  paper_id uuid not null references public.papers (id) on delete cascade,
  user_id uuid not null references auth.users (id) on delete cascade,
  access public.paper_access_level not null,
  primary key (paper_id, user_id)
);
create index paper_access_user_idx on public.paper_access (user_id);

-- The current person's access to a paper: 'edit', 'comment', 'view' or null. The office and the
-- author always edit; named access wins over the board default; guests need a named entry.
-- Used by RLS and by the collaboration server's ticket check alike.
create function public.paper_access_of(p_paper uuid) returns public.paper_access_level
language sql stable security definer set search_path = '' as $$
  select case
    when p.id is null then null
    when public.has_board_role(p.board_id, '{office}') then 'edit'::public.paper_access_level
    when not public.has_board_role(p.board_id, '{office,chair,deputy,member,advisor,guest}') then null
    when p.created_by = (select auth.uid()) then 'edit'::public.paper_access_level
    when a.access is not null then a.access
    when p.visibility = 'board' and public.is_full_member(p.board_id) then p.board_access
    else null
  end
  from (select 1) one
  left join public.papers p on p.id = p_paper
  left join public.paper_access a on a.paper_id = p.id and a.user_id = (select auth.uid())
$$;

revoke all on function public.paper_access_of(uuid) from public, anon;
grant execute on function public.paper_access_of(uuid) to authenticated, service_role;

revoke all on public.papers, public.paper_access from public, anon, authenticated, service_role;
grant select, insert, update, delete on public.papers, public.paper_access to authenticated;
grant all on public.papers, public.paper_access to service_role;

alter table public.papers enable row level security;
alter table public.paper_access enable row level security;

create policy papers_select on public.papers for select to authenticated
  using (public.paper_access_of(id) is not null);
create policy papers_insert on public.papers for insert to authenticated
  with check (public.is_full_member(board_id) and created_by = (select auth.uid()));
create policy papers_update on public.papers for update to authenticated
  using (public.paper_access_of(id) = 'edit') with check (public.is_full_member(board_id));
create policy papers_delete on public.papers for delete to authenticated
  using (public.has_board_role(board_id, '{office}') or created_by = (select auth.uid()));

-- Who may change a paper's access: the office and the author.
create policy paper_access_select on public.paper_access for select to authenticated
  using (user_id = (select auth.uid()) or public.paper_access_of(paper_id) = 'edit');
create policy paper_access_insert on public.paper_access for insert to authenticated
  with check (exists (select 1 from public.papers p where p.id = paper_id
    and (public.has_board_role(p.board_id, '{office}') or p.created_by = (select auth.uid()))));
create policy paper_access_update on public.paper_access for update to authenticated
  using (exists (select 1 from public.papers p where p.id = paper_id
    and (public.has_board_role(p.board_id, '{office}') or p.created_by = (select auth.uid()))));
create policy paper_access_delete on public.paper_access for delete to authenticated
  using (exists (select 1 from public.papers p where p.id = paper_id
    and (public.has_board_role(p.board_id, '{office}') or p.created_by = (select auth.uid()))));
