-- Meetings: the board's sessions. Guests see only meetings they are invited to (meeting_guests).

create type public.meeting_status as enum ('planned', 'invited', 'held', 'minutes_approved', 'cancelled');

create table public.meetings (
  id uuid primary key default gen_random_uuid(),
  board_id uuid not null references public.boards (id) on delete cascade,
  title text not null check (char_length(title) between 1 and 200),
  description text not null default '' check (char_length(description) <= 10000),
  starts_at timestamptz not null,
  ends_at timestamptz not null,
  location text check (char_length(location) <= 500),
  online_url text check (char_length(online_url) <= 2000 and online_url ~ '^https?://'),
  status public.meeting_status not null default 'planned',
  -- Set when the office publishes the agenda; invitations go out only after that.
  agenda_published_at timestamptz,
  -- iCalendar SEQUENCE: increased whenever time, place or status change.
  sequence integer not null default 0,
  created_by uuid references auth.users (id) on delete set null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  check (ends_at > starts_at)
);
create index meetings_board_starts_idx on public.meetings (board_id, starts_at);

create table public.meeting_guests (
  meeting_id uuid not null references public.meetings (id) on delete cascade,
  user_id uuid not null references auth.users (id) on delete cascade,
  invited_at timestamptz not null default now(),
  primary key (meeting_id, user_id)
);
create index meeting_guests_user_idx on public.meeting_guests (user_id);

-- Board roles that see every meeting of a board (everyone but guests).
create function public.is_full_member(p_board uuid) returns boolean
language sql stable security definer set search_path = '' as $$
  select public.has_board_role(p_board, '{office,chair,deputy,member,advisor}')
$$;

-- A meeting is visible to the board's full members and to guests invited to exactly that meeting.
create function public.can_see_meeting(p_meeting uuid) returns boolean
language sql stable security definer set search_path = '' as $$
  select exists (
    select 1 from public.meetings m
    where m.id = p_meeting
      and (
        public.is_full_member(m.board_id)
        or (public.has_board_role(m.board_id, '{guest}')
            and exists (select 1 from public.meeting_guests g where g.meeting_id = m.id and g.user_id = (select auth.uid())))
      )
  )
$$;

revoke all on function public.is_full_member(uuid), public.can_see_meeting(uuid) from public, anon;
grant execute on function public.is_full_member(uuid), public.can_see_meeting(uuid) to authenticated, service_role;

revoke all on public.meetings, public.meeting_guests from public, anon, authenticated, service_role;
grant select, insert, update, delete on public.meetings, public.meeting_guests to authenticated;
grant all on public.meetings, public.meeting_guests to service_role;

alter table public.meetings enable row level security;
alter table public.meeting_guests enable row level security;

create policy meetings_select on public.meetings for select to authenticated
  using (public.can_see_meeting(id) or (select public.is_platform_admin()));
create policy meetings_insert on public.meetings for insert to authenticated
  with check (public.has_board_role(board_id, '{office}'));
create policy meetings_update on public.meetings for update to authenticated
  using (public.has_board_role(board_id, '{office}')) with check (public.has_board_role(board_id, '{office}'));
create policy meetings_delete on public.meetings for delete to authenticated
  using (public.has_board_role(board_id, '{office}'));

create policy meeting_guests_select on public.meeting_guests for select to authenticated
  using (
    user_id = (select auth.uid())
    or exists (select 1 from public.meetings m where m.id = meeting_id and public.is_full_member(m.board_id))
  );
create policy meeting_guests_insert on public.meeting_guests for insert to authenticated
  with check (exists (select 1 from public.meetings m where m.id = meeting_id and public.has_board_role(m.board_id, '{office}')));
create policy meeting_guests_delete on public.meeting_guests for delete to authenticated
  using (exists (select 1 from public.meetings m where m.id = meeting_id and public.has_board_role(m.board_id, '{office}')));
