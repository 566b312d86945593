-- Meeting mode (#19): the live state of a meeting while the board sits. The database is the system of
-- record; the live channel (src/lib/server/live) only tells connected clients that something committed.
--   meeting_live      one row per meeting in meeting mode: who started it, the current item
--   meeting_checkins  who is there ("im Raum" / "online"), arrival and departure times
--   meeting_speakers  the speakers list per agenda item
--   meeting_live_log  append-only: item start/end, attendance changes (the minutes draft reads it)
-- What a guest sees of items, speakers and times follows agenda_items' own RLS (public items only).

create table public.meeting_live (
  meeting_id uuid primary key references public.meetings (id) on delete cascade,
  board_id uuid not null references public.boards (id) on delete cascade,
  started_at timestamptz not null default now(),
  started_by uuid references auth.users (id) on delete set null,
  ended_at timestamptz,
  current_item_id uuid references public.agenda_items (id) on delete set null,
  item_started_at timestamptz,
  -- Optional speaking time per turn (0: none), shown as a countdown.
  speaking_seconds integer not null default 0 check (speaking_seconds between 0 and 3600)
);
create index meeting_live_board_idx on public.meeting_live (board_id);
create index meeting_live_item_idx on public.meeting_live (current_item_id);

create table public.meeting_checkins (
  meeting_id uuid not null references public.meetings (id) on delete cascade,
  user_id uuid not null references auth.users (id) on delete cascade,
  board_id uuid not null references public.boards (id) on delete cascade,
  mode text not null check (mode in ('room', 'online')),
  arrived_at timestamptz not null default now(),
  left_at timestamptz,
  recorded_by uuid references auth.users (id) on delete set null,
  primary key (meeting_id, user_id)
);
create index meeting_checkins_board_idx on public.meeting_checkins (board_id);
create index meeting_checkins_user_idx on public.meeting_checkins (user_id);

create table public.meeting_speakers (
  id uuid primary key default gen_random_uuid(),
  meeting_id uuid not null references public.meetings (id) on delete cascade,
  item_id uuid not null references public.agenda_items (id) on delete cascade,
  board_id uuid not null references public.boards (id) on delete cascade,
  user_id uuid not null references auth.users (id) on delete cascade,
  position integer not null,
  state text not null default 'waiting' check (state in ('waiting', 'speaking', 'done', 'withdrawn')),
  requested_at timestamptz not null default now(),
  started_at timestamptz,
  ended_at timestamptz
);
-- One open request per person and item (raising a hand twice is one hand); one speaker at a time.
create unique index meeting_speakers_open_idx on public.meeting_speakers (item_id, user_id) where state in ('waiting', 'speaking');
create unique index meeting_speakers_current_idx on public.meeting_speakers (item_id) where state = 'speaking';
create index meeting_speakers_meeting_idx on public.meeting_speakers (meeting_id);
create index meeting_speakers_board_idx on public.meeting_speakers (board_id);
create index meeting_speakers_user_idx on public.meeting_speakers (user_id);

create table public.meeting_live_log (
  id bigint generated always as identity primary key,
  meeting_id uuid not null references public.meetings (id) on delete cascade,
  board_id uuid not null references public.boards (id) on delete cascade,
  at timestamptz not null default now(),
  kind text not null check (kind in ('started', 'ended', 'item_started', 'item_ended', 'arrived', 'left')),
  item_id uuid references public.agenda_items (id) on delete set null,
  user_id uuid references auth.users (id) on delete set null,
  -- 'room' / 'online' for arrivals.
  detail text not null default '' check (char_length(detail) <= 200),
  actor uuid default auth.uid() references auth.users (id) on delete set null
);
create index meeting_live_log_meeting_idx on public.meeting_live_log (meeting_id, at);
create index meeting_live_log_board_idx on public.meeting_live_log (board_id);
create index meeting_live_log_item_idx on public.meeting_live_log (item_id);
create index meeting_live_log_user_idx on public.meeting_live_log (user_id);
create index meeting_live_log_actor_idx on public.meeting_live_log (actor);

-- Grants ------------------------------------------------------------------------------------------

revoke all on public.meeting_live, public.meeting_checkins, public.meeting_speakers, public.meeting_live_log
  from public, anon, authenticated, service_role;
grant select, insert, update on public.meeting_live, public.meeting_checkins, public.meeting_speakers to authenticated;
grant select, insert on public.meeting_live_log to authenticated;
grant all on public.meeting_live, public.meeting_checkins, public.meeting_speakers, public.meeting_live_log to service_role;

alter table public.meeting_live enable row level security;
alter table public.meeting_checkins enable row level security;
alter table public.meeting_speakers enable row level security;
alter table public.meeting_live_log enable row level security;

-- Meeting mode: seen by everyone who sees the meeting; run by office, chair and deputies.
create policy meeting_live_select on public.meeting_live for select to authenticated
  using (public.can_see_meeting(meeting_id));
create policy meeting_live_insert on public.meeting_live for insert to authenticated
  with check (public.has_board_role(board_id, '{office,chair,deputy}')
    and exists (select 1 from public.meetings m where m.id = meeting_id and m.board_id = meeting_live.board_id));
create policy meeting_live_update on public.meeting_live for update to authenticated
  using (public.has_board_role(board_id, '{office,chair,deputy}'))
  with check (public.has_board_role(board_id, '{office,chair,deputy}'));

-- Check-ins: the board's full members see who is there (a guest sees their own row); a participant
-- checks in and out themselves, the office corrects anyone's.
create policy meeting_checkins_select on public.meeting_checkins for select to authenticated
  using (user_id = (select auth.uid()) or public.is_full_member(board_id));
create policy meeting_checkins_insert on public.meeting_checkins for insert to authenticated
  with check (
    ((user_id = (select auth.uid()) and public.has_board_role(board_id, '{chair,deputy,member,advisor}'))
      or public.has_board_role(board_id, '{office}'))
    and exists (select 1 from public.meetings m where m.id = meeting_id and m.board_id = meeting_checkins.board_id));
create policy meeting_checkins_update on public.meeting_checkins for update to authenticated
  using ((user_id = (select auth.uid()) and public.has_board_role(board_id, '{chair,deputy,member,advisor}'))
    or public.has_board_role(board_id, '{office}'))
  with check ((user_id = (select auth.uid()) and public.has_board_role(board_id, '{chair,deputy,member,advisor}'))
    or public.has_board_role(board_id, '{office}'));

-- Speakers: visible with their item (agenda_items' RLS: guests public items only); a participant asks
-- for the floor and withdraws themselves, office, chair and deputies order, start and end turns.
create policy meeting_speakers_select on public.meeting_speakers for select to authenticated
  using (exists (select 1 from public.agenda_items i where i.id = item_id));
create policy meeting_speakers_insert on public.meeting_speakers for insert to authenticated
  with check (
    ((user_id = (select auth.uid()) and public.has_board_role(board_id, '{chair,deputy,member,advisor}'))
      or public.has_board_role(board_id, '{office,chair,deputy}'))
    and exists (select 1 from public.agenda_items i join public.meetings m on m.id = i.meeting_id
      where i.id = item_id and i.meeting_id = meeting_speakers.meeting_id and m.board_id = meeting_speakers.board_id));
create policy meeting_speakers_update on public.meeting_speakers for update to authenticated
  using ((user_id = (select auth.uid()) and public.has_board_role(board_id, '{chair,deputy,member,advisor}'))
    or public.has_board_role(board_id, '{office,chair,deputy}'))
  with check ((user_id = (select auth.uid()) and public.has_board_role(board_id, '{chair,deputy,member,advisor}'))
    or public.has_board_role(board_id, '{office,chair,deputy}'));

-- The log: full members read it (the minutes draft); whoever changes the live state appends, as themselves.
create policy meeting_live_log_select on public.meeting_live_log for select to authenticated
  using (public.is_full_member(board_id));
create policy meeting_live_log_insert on public.meeting_live_log for insert to authenticated
  with check (actor = (select auth.uid()) and public.is_full_member(board_id)
    and exists (select 1 from public.meetings m where m.id = meeting_id and m.board_id = meeting_live_log.board_id));

-- Attendance stays one record: a check-in (or check-out) is mirrored into meeting_attendance, which
-- quorum, minutes and votes already read. Security definer: a member may check in, but only the office
-- writes meeting_attendance directly.
create function public.mirror_meeting_checkin() returns trigger
language plpgsql security definer set search_path = '' as $$
begin
  insert into public.meeting_attendance (meeting_id, user_id, board_id, present, recorded_by)
  values (new.meeting_id, new.user_id, new.board_id, new.left_at is null, (select auth.uid()))
  on conflict (meeting_id, user_id) do update
    set present = excluded.present, recorded_by = excluded.recorded_by, recorded_at = now();
  return new;
end
$$;
revoke all on function public.mirror_meeting_checkin() from public, anon, authenticated;
create trigger meeting_checkins_mirror after insert or update on public.meeting_checkins
  for each row execute function public.mirror_meeting_checkin();
