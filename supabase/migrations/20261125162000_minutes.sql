-- Minutes (Protokoll): one paper per meeting, written in the normal editor, then reviewed, approved
-- (which freezes the text) and published. Corrections are amendments: new minutes that point at the
-- approved ones. Guests and the public only ever read the public copy (non-public items removed).

create type public.minutes_status as enum ('draft', 'review', 'approved', 'published');

create table public.minutes (
  id uuid primary key default gen_random_uuid(),
  board_id uuid not null references public.boards (id) on delete cascade,
  meeting_id uuid not null references public.meetings (id) on delete cascade,
  -- Restrict: an approved record must not vanish with its paper.
  paper_id uuid not null unique references public.papers (id) on delete restrict,
  amends_id uuid references public.minutes (id) on delete restrict,
  status public.minutes_status not null default 'draft',
  review_until timestamptz,
  -- Set the moment approval starts: from then on the paper is read-only for everyone.
  frozen_at timestamptz,
  approved_at timestamptz,
  approved_by uuid references auth.users (id) on delete set null,
  published_at timestamptz,
  final_state bytea,
  final_json jsonb,
  final_text text,
  final_sha256 text check (final_sha256 ~ '^[0-9a-f]{64}$'),
  created_by uuid references auth.users (id) on delete set null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
-- One original record per meeting; amendments are extra rows.
create unique index minutes_meeting_original_key on public.minutes (meeting_id) where amends_id is null;
create index minutes_board_idx on public.minutes (board_id);
create index minutes_meeting_idx on public.minutes (meeting_id);
create index minutes_amends_idx on public.minutes (amends_id);

-- Which agenda item each generated section belongs to ("TOP n"), so the public copy can be filtered.
create table public.minutes_sections (
  minutes_id uuid not null references public.minutes (id) on delete cascade,
  board_id uuid not null references public.boards (id) on delete cascade,
  item_id uuid references public.agenda_items (id) on delete set null,
  position integer not null,
  number text not null,
  title text not null,
  is_public boolean not null,
  is_decision boolean not null,
  primary key (minutes_id, position)
);
create index minutes_sections_board_idx on public.minutes_sections (board_id);

-- The copy guests may read: computed at approval from the frozen text without non-public sections.
create table public.minutes_public_copies (
  minutes_id uuid primary key references public.minutes (id) on delete cascade,
  board_id uuid not null references public.boards (id) on delete cascade,
  meeting_id uuid not null references public.meetings (id) on delete cascade,
  content jsonb not null
);
create index minutes_public_copies_board_idx on public.minutes_public_copies (board_id);
create index minutes_public_copies_meeting_idx on public.minutes_public_copies (meeting_id);

-- Decisions taken from approved minutes (kept here too, so a retry never appends twice).
create table public.minutes_decisions (
  minutes_id uuid not null references public.minutes (id) on delete cascade,
  board_id uuid not null references public.boards (id) on delete cascade,
  item_id uuid not null,
  text text not null,
  created_at timestamptz not null default now(),
  primary key (minutes_id, item_id)
);
create index minutes_decisions_board_idx on public.minutes_decisions (board_id);

create function public.minutes_is_published(p_minutes uuid) returns boolean
language sql stable security definer set search_path = '' as $$
  select exists (select 1 from public.minutes m where m.id = p_minutes and m.status = 'published')
$$;
revoke all on function public.minutes_is_published(uuid) from public, anon;
grant execute on function public.minutes_is_published(uuid) to authenticated, service_role;

revoke all on public.minutes, public.minutes_sections, public.minutes_public_copies, public.minutes_decisions
  from public, anon, authenticated, service_role;
grant select, insert, update on public.minutes to authenticated;
grant select, insert on public.minutes_sections, public.minutes_public_copies, public.minutes_decisions to authenticated;
grant all on public.minutes, public.minutes_sections, public.minutes_public_copies, public.minutes_decisions to service_role;

alter table public.minutes enable row level security;
alter table public.minutes_sections enable row level security;
alter table public.minutes_public_copies enable row level security;
alter table public.minutes_decisions enable row level security;

-- Full members see every record (drafts included); guests see none of these tables except the public copy.
create policy minutes_select on public.minutes for select to authenticated
  using (public.is_full_member(board_id));
create policy minutes_insert on public.minutes for insert to authenticated
  with check (public.has_board_role(board_id, '{office}') and created_by = (select auth.uid()));
create policy minutes_update on public.minutes for update to authenticated
  using (public.has_board_role(board_id, '{office,chair,deputy}'))
  with check (public.has_board_role(board_id, '{office,chair,deputy}'));

create policy minutes_sections_select on public.minutes_sections for select to authenticated
  using (public.is_full_member(board_id));
create policy minutes_sections_insert on public.minutes_sections for insert to authenticated
  with check (public.has_board_role(board_id, '{office}'));

create policy minutes_public_copies_select on public.minutes_public_copies for select to authenticated
  using (public.is_full_member(board_id)
    or (public.minutes_is_published(minutes_id) and public.can_see_meeting(meeting_id)));
create policy minutes_public_copies_insert on public.minutes_public_copies for insert to authenticated
  with check (public.has_board_role(board_id, '{office,chair,deputy}'));

create policy minutes_decisions_select on public.minutes_decisions for select to authenticated
  using (public.is_full_member(board_id));
create policy minutes_decisions_insert on public.minutes_decisions for insert to authenticated
  with check (public.has_board_role(board_id, '{office,chair,deputy}'));

-- Once frozen, the record (text, hash, approval) never changes; only publication may follow.
create function public.minutes_guard_update() returns trigger
language plpgsql security definer set search_path = '' as $$
begin
  if old.frozen_at is not null and (
       new.frozen_at is distinct from old.frozen_at
    or (old.final_sha256 is not null and (new.final_state is distinct from old.final_state
      or new.final_json is distinct from old.final_json or new.final_text is distinct from old.final_text
      or new.final_sha256 is distinct from old.final_sha256 or new.approved_at is distinct from old.approved_at))
    or new.status in ('draft', 'review')) then
    raise exception 'minutes: approved minutes are frozen' using errcode = '42501';
  end if;
  if new.paper_id is distinct from old.paper_id or new.meeting_id is distinct from old.meeting_id
     or new.board_id is distinct from old.board_id or new.amends_id is distinct from old.amends_id then
    raise exception 'minutes: paper, meeting and board are fixed' using errcode = '42501';
  end if;
  new.updated_at := now();
  return new;
end
$$;
revoke all on function public.minutes_guard_update() from public, anon, authenticated;
create trigger minutes_guard_update before update on public.minutes
  for each row execute function public.minutes_guard_update();

-- paper_access_of as refined in 20261125151000_papers_access, plus: a frozen minutes paper is
-- read-only for everyone who could read it (the office included), so neither the collaboration
-- server nor any API write path accepts changes.
create or replace function public.paper_access_of(p_paper uuid) returns public.paper_access_level
language sql stable security definer set search_path = '' as $$
  select case
    when x.base is not null and exists (select 1 from public.minutes mi where mi.paper_id = p_paper and mi.frozen_at is not null)
      then 'view'::public.paper_access_level
    else x.base
  end
  from (
    select case
      when p.id is null then null
      when public.has_board_role(p.board_id, '{office}') then 'edit'::public.paper_access_level
      when not public.has_board_role(p.board_id, '{office,chair,deputy,member,advisor,guest}') then null
      when p.created_by = (select auth.uid()) and public.is_full_member(p.board_id) then 'edit'::public.paper_access_level
      when p.status = 'archived' and (a.access is not null or (p.visibility = 'board' and public.is_full_member(p.board_id)))
        then 'view'::public.paper_access_level
      when a.access is not null then a.access
      when p.visibility = 'board' and public.is_full_member(p.board_id) then p.board_access
      else null
    end as base
    from (select 1) one
    left join public.papers p on p.id = p_paper
    left join public.paper_access a on a.paper_id = p.id and a.user_id = (select auth.uid())
  ) x
$$;
