-- Meetings beyond the core: per-board meeting settings, date polls, RSVPs, attendance, calendar feed
-- tokens, reminders sent, guest invitations to one meeting and mail attachments.

-- Per-board meeting settings. Office changes them only through set_meeting_settings below (boards
-- themselves stay admin-managed, and column grants cannot tell office from admin).
alter table public.boards
  add column quorum_rule text not null default 'more_than_half'
    check (quorum_rule in ('more_than_half', 'at_least_half', 'two_thirds')),
  add column reminder_offsets integer[] not null default '{7,1}'
    check (cardinality(reminder_offsets) <= 5 and 0 < all (reminder_offsets) and 60 >= all (reminder_offsets));

create function public.set_meeting_settings(p_board uuid, p_quorum_rule text, p_reminder_offsets integer[])
returns boolean
language plpgsql volatile security definer set search_path = '' as $$
begin
  if not public.has_board_role(p_board, '{office}') then
    return false;
  end if;
  update public.boards set quorum_rule = p_quorum_rule, reminder_offsets = p_reminder_offsets where id = p_board;
  return true;
end
$$;
revoke all on function public.set_meeting_settings(uuid, text, integer[]) from public, anon;
grant execute on function public.set_meeting_settings(uuid, text, integer[]) to authenticated;

-- A guest invitation names the one meeting the guest is invited to.
alter table public.invitations add column meeting_id uuid references public.meetings (id) on delete set null;

-- Mail attachments (e.g. text/calendar) are kept with the mail, so a retry sends the same thing.
alter table public.mail_outbox add column attachments jsonb;

-- Date polls -------------------------------------------------------------------------------------

create table public.polls (
  id uuid primary key default gen_random_uuid(),
  board_id uuid not null references public.boards (id) on delete cascade,
  -- The planned meeting this poll finds a date for; null: a meeting is created when a slot is picked.
  meeting_id uuid references public.meetings (id) on delete set null,
  title text not null check (char_length(title) between 1 and 200),
  duration_minutes integer not null check (duration_minutes between 15 and 1440),
  deadline timestamptz not null,
  anonymous boolean not null default false,
  status text not null default 'open' check (status in ('open', 'closed')),
  chosen_slot_id uuid,
  created_by uuid references auth.users (id) on delete set null,
  created_at timestamptz not null default now()
);
create index polls_board_idx on public.polls (board_id, created_at desc);

create table public.poll_slots (
  id uuid primary key default gen_random_uuid(),
  poll_id uuid not null references public.polls (id) on delete cascade,
  board_id uuid not null references public.boards (id) on delete cascade,
  starts_at timestamptz not null,
  unique (poll_id, starts_at)
);
create index poll_slots_board_idx on public.poll_slots (board_id);

alter table public.polls add foreign key (chosen_slot_id) references public.poll_slots (id) on delete set null;

-- Who is asked.
create table public.poll_participants (
  poll_id uuid not null references public.polls (id) on delete cascade,
  user_id uuid not null references auth.users (id) on delete cascade,
  board_id uuid not null references public.boards (id) on delete cascade,
  primary key (poll_id, user_id)
);
create index poll_participants_board_idx on public.poll_participants (board_id);
create index poll_participants_user_idx on public.poll_participants (user_id);

create table public.poll_answers (
  slot_id uuid not null references public.poll_slots (id) on delete cascade,
  poll_id uuid not null references public.polls (id) on delete cascade,
  user_id uuid not null references auth.users (id) on delete cascade,
  board_id uuid not null references public.boards (id) on delete cascade,
  answer text not null check (answer in ('yes', 'maybe', 'no')),
  updated_at timestamptz not null default now(),
  primary key (slot_id, user_id)
);
create index poll_answers_poll_idx on public.poll_answers (poll_id, user_id);
create index poll_answers_board_idx on public.poll_answers (board_id);
create index poll_answers_user_idx on public.poll_answers (user_id);

-- Whether the current user may answer the poll now: asked, still a full member, poll open, before the deadline.
create function public.can_answer_poll(p_poll uuid) returns boolean
language sql stable security definer set search_path = '' as $$
  select exists (
    select 1 from public.polls p
    join public.poll_participants pp on pp.poll_id = p.id and pp.user_id = (select auth.uid())
    where p.id = p_poll and p.status = 'open' and p.deadline > now() and public.is_full_member(p.board_id)
  )
$$;

-- Others' answers by name, unless the poll is anonymous (office always sees them).
create function public.can_see_poll_answers(p_poll uuid) returns boolean
language sql stable security definer set search_path = '' as $$
  select exists (
    select 1 from public.polls p
    where p.id = p_poll
      and (public.has_board_role(p.board_id, '{office}') or (not p.anonymous and public.is_full_member(p.board_id)))
  )
$$;

-- Counts per slot for anyone who sees the poll, also for anonymous polls; voting = chair, deputy, member.
create function public.poll_tally(p_poll uuid)
returns table (slot_id uuid, yes integer, maybe integer, no integer, voting_available integer)
language sql stable security definer set search_path = '' as $$
  select s.id,
    count(*) filter (where a.answer = 'yes')::int,
    count(*) filter (where a.answer = 'maybe')::int,
    count(*) filter (where a.answer = 'no')::int,
    count(*) filter (where a.answer in ('yes', 'maybe') and m.role in ('chair', 'deputy', 'member'))::int
  from public.poll_slots s
  join public.polls p on p.id = s.poll_id
  left join public.poll_answers a on a.slot_id = s.id
  left join public.memberships m on m.board_id = p.board_id and m.user_id = a.user_id and m.active
  where s.poll_id = p_poll and public.is_full_member(p.board_id)
  group by s.id
$$;

revoke all on function public.can_answer_poll(uuid), public.can_see_poll_answers(uuid), public.poll_tally(uuid) from public, anon;
grant execute on function public.can_answer_poll(uuid), public.can_see_poll_answers(uuid), public.poll_tally(uuid) to authenticated, service_role;

-- Meetings: RSVPs and attendance ----------------------------------------------------------------

create table public.meeting_rsvps (
  meeting_id uuid not null references public.meetings (id) on delete cascade,
  user_id uuid not null references auth.users (id) on delete cascade,
  board_id uuid not null references public.boards (id) on delete cascade,
  response text not null check (response in ('attending', 'absent', 'online')),
  proxy_note text not null default '' check (char_length(proxy_note) <= 500),
  updated_at timestamptz not null default now(),
  primary key (meeting_id, user_id)
);
create index meeting_rsvps_board_idx on public.meeting_rsvps (board_id);
create index meeting_rsvps_user_idx on public.meeting_rsvps (user_id);

create table public.meeting_attendance (
  meeting_id uuid not null references public.meetings (id) on delete cascade,
  user_id uuid not null references auth.users (id) on delete cascade,
  board_id uuid not null references public.boards (id) on delete cascade,
  present boolean not null,
  recorded_by uuid references auth.users (id) on delete set null,
  recorded_at timestamptz not null default now(),
  primary key (meeting_id, user_id)
);
create index meeting_attendance_board_idx on public.meeting_attendance (board_id);
create index meeting_attendance_user_idx on public.meeting_attendance (user_id);

-- Calendar feed: one secret per person, stored as a hash; read by the system task calendar-feed.
create table public.calendar_tokens (
  user_id uuid primary key references auth.users (id) on delete cascade,
  token_hash text not null unique,
  created_at timestamptz not null default now()
);

-- Reminders: the unique key makes "sent exactly once" hold across app nodes.
create table public.reminder_sent (
  meeting_id uuid not null references public.meetings (id) on delete cascade,
  user_id uuid not null references auth.users (id) on delete cascade,
  offset_days integer not null,
  sent_at timestamptz not null default now(),
  primary key (meeting_id, user_id, offset_days)
);
create index reminder_sent_user_idx on public.reminder_sent (user_id);

-- Grants ------------------------------------------------------------------------------------------

revoke all on public.polls, public.poll_slots, public.poll_participants, public.poll_answers, public.meeting_rsvps,
  public.meeting_attendance, public.calendar_tokens, public.reminder_sent from public, anon, authenticated, service_role;
grant select, insert, update, delete on public.polls, public.poll_slots, public.poll_participants, public.poll_answers,
  public.meeting_rsvps, public.meeting_attendance, public.calendar_tokens to authenticated;
grant all on public.polls, public.poll_slots, public.poll_participants, public.poll_answers, public.meeting_rsvps,
  public.meeting_attendance, public.calendar_tokens, public.reminder_sent to service_role;

alter table public.polls enable row level security;
alter table public.poll_slots enable row level security;
alter table public.poll_participants enable row level security;
alter table public.poll_answers enable row level security;
alter table public.meeting_rsvps enable row level security;
alter table public.meeting_attendance enable row level security;
alter table public.calendar_tokens enable row level security;
alter table public.reminder_sent enable row level security;

-- Polls: the board's full members read them; office runs them.
create policy polls_select on public.polls for select to authenticated using (public.is_full_member(board_id));
create policy polls_insert on public.polls for insert to authenticated with check (public.has_board_role(board_id, '{office}'));
create policy polls_update on public.polls for update to authenticated
  using (public.has_board_role(board_id, '{office}')) with check (public.has_board_role(board_id, '{office}'));
create policy polls_delete on public.polls for delete to authenticated using (public.has_board_role(board_id, '{office}'));

create policy poll_slots_select on public.poll_slots for select to authenticated using (public.is_full_member(board_id));
create policy poll_slots_insert on public.poll_slots for insert to authenticated
  with check (public.has_board_role(board_id, '{office}')
    and exists (select 1 from public.polls p where p.id = poll_id and p.board_id = poll_slots.board_id));
create policy poll_slots_delete on public.poll_slots for delete to authenticated using (public.has_board_role(board_id, '{office}'));

create policy poll_participants_select on public.poll_participants for select to authenticated using (public.is_full_member(board_id));
create policy poll_participants_insert on public.poll_participants for insert to authenticated
  with check (public.has_board_role(board_id, '{office}')
    and exists (select 1 from public.polls p where p.id = poll_id and p.board_id = poll_participants.board_id));
create policy poll_participants_delete on public.poll_participants for delete to authenticated using (public.has_board_role(board_id, '{office}'));

create policy poll_answers_select on public.poll_answers for select to authenticated
  using (user_id = (select auth.uid()) or public.can_see_poll_answers(poll_id));
create policy poll_answers_insert on public.poll_answers for insert to authenticated
  with check (user_id = (select auth.uid()) and public.can_answer_poll(poll_id)
    and exists (select 1 from public.poll_slots s where s.id = slot_id and s.poll_id = poll_answers.poll_id and s.board_id = poll_answers.board_id));
create policy poll_answers_update on public.poll_answers for update to authenticated
  using (user_id = (select auth.uid()) and public.can_answer_poll(poll_id))
  with check (user_id = (select auth.uid()) and public.can_answer_poll(poll_id));
create policy poll_answers_delete on public.poll_answers for delete to authenticated
  using (user_id = (select auth.uid()) and public.can_answer_poll(poll_id));

-- RSVPs: voting and advising members answer for themselves; office reads them all.
create policy meeting_rsvps_select on public.meeting_rsvps for select to authenticated
  using (user_id = (select auth.uid()) or public.has_board_role(board_id, '{office}'));
create policy meeting_rsvps_insert on public.meeting_rsvps for insert to authenticated
  with check (user_id = (select auth.uid()) and public.has_board_role(board_id, '{chair,deputy,member,advisor}')
    and exists (select 1 from public.meetings m where m.id = meeting_id and m.board_id = meeting_rsvps.board_id));
create policy meeting_rsvps_update on public.meeting_rsvps for update to authenticated
  using (user_id = (select auth.uid()) and public.has_board_role(board_id, '{chair,deputy,member,advisor}'))
  with check (user_id = (select auth.uid()) and public.has_board_role(board_id, '{chair,deputy,member,advisor}'));
create policy meeting_rsvps_delete on public.meeting_rsvps for delete to authenticated
  using (user_id = (select auth.uid()) and public.has_board_role(board_id, '{chair,deputy,member,advisor}'));

-- Attendance: recorded by office; everyone sees their own.
create policy meeting_attendance_select on public.meeting_attendance for select to authenticated
  using (user_id = (select auth.uid()) or public.has_board_role(board_id, '{office}'));
create policy meeting_attendance_insert on public.meeting_attendance for insert to authenticated
  with check (public.has_board_role(board_id, '{office}')
    and exists (select 1 from public.meetings m where m.id = meeting_id and m.board_id = meeting_attendance.board_id));
create policy meeting_attendance_update on public.meeting_attendance for update to authenticated
  using (public.has_board_role(board_id, '{office}')) with check (public.has_board_role(board_id, '{office}'));
create policy meeting_attendance_delete on public.meeting_attendance for delete to authenticated
  using (public.has_board_role(board_id, '{office}'));

create policy calendar_tokens_select on public.calendar_tokens for select to authenticated using (user_id = (select auth.uid()));
create policy calendar_tokens_insert on public.calendar_tokens for insert to authenticated with check (user_id = (select auth.uid()));
create policy calendar_tokens_update on public.calendar_tokens for update to authenticated
  using (user_id = (select auth.uid())) with check (user_id = (select auth.uid()));
create policy calendar_tokens_delete on public.calendar_tokens for delete to authenticated using (user_id = (select auth.uid()));

-- reminder_sent: no policies; only the reminder job (service_role) touches it.
