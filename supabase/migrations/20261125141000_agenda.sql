-- Agenda (Tagesordnung) of a meeting: items, member proposals, changes after publication and
-- declared conflicts of interest. Confidentiality lives here, not in the UI: non-public items and
-- everything about them are visible to full members only; guests see public items of their meeting.

create type public.agenda_item_kind as enum ('information', 'discussion', 'decision');
create type public.agenda_proposal_status as enum ('open', 'accepted', 'declined');
create type public.agenda_change_action as enum ('add', 'edit', 'delete', 'move');

-- Per-meeting agenda settings, kept apart from public.meetings (owned by the meetings area).
create table public.agenda_settings (
  meeting_id uuid primary key references public.meetings (id) on delete cascade,
  -- Until this is set, members may propose items up to 7 days before the start.
  proposal_deadline timestamptz,
  -- When the standard items were put in: an agenda the office emptied on purpose stays empty.
  prefilled_at timestamptz
);

create table public.agenda_items (
  id uuid primary key default gen_random_uuid(),
  meeting_id uuid not null references public.meetings (id) on delete cascade,
  -- One flat order per meeting; a sub-item belongs to the nearest top-level item before it, so the
  -- numbering ("TOP 2.1") is derived from the order and never stored.
  position integer not null check (position >= 0),
  is_sub_item boolean not null default false,
  title text not null check (char_length(title) between 1 and 200),
  description text not null default '' check (char_length(description) <= 10000),
  kind public.agenda_item_kind not null default 'information',
  is_public boolean not null default true,
  presenter_text text check (char_length(presenter_text) <= 200),
  presenter_user_id uuid references auth.users (id) on delete set null,
  planned_minutes integer not null default 10 check (planned_minutes between 0 and 600),
  -- Set on every change after the agenda was published ("geändert seit Veröffentlichung").
  changed_at timestamptz,
  created_by uuid references auth.users (id) on delete set null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  -- Deferrable so that a reorder can rewrite all positions in one statement.
  constraint agenda_items_position_key unique (meeting_id, position) deferrable initially immediate
);

create table public.agenda_proposals (
  id uuid primary key default gen_random_uuid(),
  meeting_id uuid not null references public.meetings (id) on delete cascade,
  proposed_by uuid not null default auth.uid() references auth.users (id) on delete cascade,
  title text not null check (char_length(title) between 1 and 200),
  description text not null default '' check (char_length(description) <= 10000),
  kind public.agenda_item_kind not null default 'discussion',
  status public.agenda_proposal_status not null default 'open',
  decline_reason text check (char_length(decline_reason) <= 1000),
  decided_by uuid references auth.users (id) on delete set null,
  decided_at timestamptz,
  item_id uuid references public.agenda_items (id) on delete set null,
  created_at timestamptz not null default now()
);
create index agenda_proposals_meeting_idx on public.agenda_proposals (meeting_id, created_at);
create index agenda_proposals_user_idx on public.agenda_proposals (proposed_by);

create table public.agenda_changes (
  id uuid primary key default gen_random_uuid(),
  meeting_id uuid not null references public.meetings (id) on delete cascade,
  -- No foreign key: the record outlives a deleted item.
  item_id uuid not null,
  action public.agenda_change_action not null,
  before jsonb,
  after jsonb,
  -- Public before and after: only then may guests read the record.
  is_public boolean not null,
  changed_by uuid references auth.users (id) on delete set null,
  created_at timestamptz not null default now()
);
create index agenda_changes_meeting_idx on public.agenda_changes (meeting_id, created_at);

create table public.agenda_conflicts (
  item_id uuid not null references public.agenda_items (id) on delete cascade,
  user_id uuid not null references auth.users (id) on delete cascade,
  meeting_id uuid not null references public.meetings (id) on delete cascade,
  reason text check (char_length(reason) <= 1000),
  declared_at timestamptz not null default now(),
  -- Withdrawn declarations stay as a record; the member votes again.
  withdrawn_at timestamptz,
  primary key (item_id, user_id)
);
create index agenda_conflicts_user_idx on public.agenda_conflicts (user_id);
create index agenda_conflicts_meeting_idx on public.agenda_conflicts (meeting_id);

-- The board of a meeting, read past the meetings' RLS so policies do not recurse.
create function public.meeting_board_of(p_meeting uuid) returns uuid
language sql stable security definer set search_path = '' as $$
  select m.board_id from public.meetings m where m.id = p_meeting
$$;

-- Public items: everyone who sees the meeting (guests included); non-public: full members only.
create function public.can_see_agenda_item(p_meeting uuid, p_public boolean) returns boolean
language sql stable security definer set search_path = '' as $$
  select case when p_public then public.can_see_meeting(p_meeting)
              else public.is_full_member(public.meeting_board_of(p_meeting)) end
$$;

-- Members may propose items until the meeting's deadline (default: 7 days before the start).
create function public.agenda_proposals_open(p_meeting uuid) returns boolean
language sql stable security definer set search_path = '' as $$
  select exists (select 1 from public.meetings m
    left join public.agenda_settings s on s.meeting_id = m.id
    where m.id = p_meeting and now() <= coalesce(s.proposal_deadline, m.starts_at - interval '7 days'))
$$;

revoke all on function public.meeting_board_of(uuid), public.can_see_agenda_item(uuid, boolean),
  public.agenda_proposals_open(uuid) from public, anon;
grant execute on function public.meeting_board_of(uuid), public.can_see_agenda_item(uuid, boolean),
  public.agenda_proposals_open(uuid) to authenticated, service_role;

revoke all on public.agenda_settings, public.agenda_items, public.agenda_proposals, public.agenda_changes,
  public.agenda_conflicts from public, anon, authenticated, service_role;
grant select, insert, update on public.agenda_settings to authenticated;
grant select, insert, update, delete on public.agenda_items to authenticated;
grant select, insert, update on public.agenda_proposals, public.agenda_conflicts to authenticated;
grant select, insert on public.agenda_changes to authenticated;
grant all on public.agenda_settings, public.agenda_items, public.agenda_proposals, public.agenda_changes,
  public.agenda_conflicts to service_role;

alter table public.agenda_settings enable row level security;
alter table public.agenda_items enable row level security;
alter table public.agenda_proposals enable row level security;
alter table public.agenda_changes enable row level security;
alter table public.agenda_conflicts enable row level security;

create policy agenda_settings_select on public.agenda_settings for select to authenticated
  using (public.can_see_meeting(meeting_id));
create policy agenda_settings_insert on public.agenda_settings for insert to authenticated
  with check (public.has_board_role(public.meeting_board_of(meeting_id), '{office}'));
create policy agenda_settings_update on public.agenda_settings for update to authenticated
  using (public.has_board_role(public.meeting_board_of(meeting_id), '{office}'))
  with check (public.has_board_role(public.meeting_board_of(meeting_id), '{office}'));

create policy agenda_items_select on public.agenda_items for select to authenticated
  using (public.can_see_agenda_item(meeting_id, is_public));
create policy agenda_items_insert on public.agenda_items for insert to authenticated
  with check (public.has_board_role(public.meeting_board_of(meeting_id), '{office}'));
create policy agenda_items_update on public.agenda_items for update to authenticated
  using (public.has_board_role(public.meeting_board_of(meeting_id), '{office}'))
  with check (public.has_board_role(public.meeting_board_of(meeting_id), '{office}'));
create policy agenda_items_delete on public.agenda_items for delete to authenticated
  using (public.has_board_role(public.meeting_board_of(meeting_id), '{office}'));

-- Proposals: the office and the chair see all of a meeting's, everyone else only their own.
create policy agenda_proposals_select on public.agenda_proposals for select to authenticated
  using (
    (proposed_by = (select auth.uid()) and public.is_full_member(public.meeting_board_of(meeting_id)))
    or public.has_board_role(public.meeting_board_of(meeting_id), '{office,chair,deputy}')
  );
create policy agenda_proposals_insert on public.agenda_proposals for insert to authenticated
  with check (
    proposed_by = (select auth.uid()) and status = 'open'
    and public.has_board_role(public.meeting_board_of(meeting_id), '{chair,deputy,member,advisor}')
    and public.agenda_proposals_open(meeting_id)
  );
create policy agenda_proposals_update on public.agenda_proposals for update to authenticated
  using (public.has_board_role(public.meeting_board_of(meeting_id), '{office}'))
  with check (public.has_board_role(public.meeting_board_of(meeting_id), '{office}'));

create policy agenda_changes_select on public.agenda_changes for select to authenticated
  using (public.can_see_agenda_item(meeting_id, is_public));
create policy agenda_changes_insert on public.agenda_changes for insert to authenticated
  with check (changed_by = (select auth.uid()) and public.has_board_role(public.meeting_board_of(meeting_id), '{office}'));

-- Declarations: the declaring person, the office and the chair; never other members or guests.
create policy agenda_conflicts_select on public.agenda_conflicts for select to authenticated
  using (
    (user_id = (select auth.uid()) and public.is_full_member(public.meeting_board_of(meeting_id)))
    or public.has_board_role(public.meeting_board_of(meeting_id), '{office,chair,deputy}')
  );
create policy agenda_conflicts_insert on public.agenda_conflicts for insert to authenticated
  with check (
    user_id = (select auth.uid())
    and public.has_board_role(public.meeting_board_of(meeting_id), '{chair,deputy,member,advisor}')
    and exists (select 1 from public.agenda_items i where i.id = item_id and i.meeting_id = agenda_conflicts.meeting_id)
  );
create policy agenda_conflicts_update on public.agenda_conflicts for update to authenticated
  using (user_id = (select auth.uid()))
  with check (user_id = (select auth.uid()) and public.has_board_role(public.meeting_board_of(meeting_id), '{chair,deputy,member,advisor}'));
