-- Votes: circular resolutions (Umlaufbeschluss) between meetings and recorded results of decision
-- items in a meeting. Secret ballots keep the choice apart from the voter: vote_ballots has no user
-- column and vote_participation has no choice column, and one function writes both in one transaction.

create table public.votes (
  id uuid primary key default gen_random_uuid(),
  board_id uuid not null references public.boards (id) on delete cascade,
  kind text not null check (kind in ('circular', 'meeting')),
  meeting_id uuid references public.meetings (id) on delete cascade,
  -- One recorded result per agenda item: recording twice is refused by the key, not by the UI.
  item_id uuid unique references public.agenda_items (id) on delete cascade,
  motion text not null check (char_length(motion) between 1 and 5000),
  secret boolean not null default false,
  -- 'cast': more yes than no among votes cast; 'members': more yes than half of all voting members.
  majority text not null default 'cast' check (majority in ('cast', 'members')),
  -- Share of the voting members who must take part, in percent.
  min_participation integer not null default 50 check (min_participation between 0 and 100),
  -- Requests for a discussion in a meeting that stop the circular procedure (0 = never).
  discussion_threshold integer not null default 1 check (discussion_threshold between 0 and 100),
  deadline timestamptz,
  status text not null default 'open' check (status in ('open', 'adopted', 'rejected', 'failed', 'moved')),
  -- Counts: typed by office for a counted meeting vote; otherwise filled at closing from the choices.
  yes_count integer check (yes_count >= 0),
  no_count integer check (no_count >= 0),
  abstain_count integer check (abstain_count >= 0),
  eligible_count integer check (eligible_count >= 0),
  closed_at timestamptz,
  reminder_sent_at timestamptz,
  created_by uuid references auth.users (id) on delete set null,
  created_at timestamptz not null default now(),
  check (kind = 'meeting' or deadline is not null),
  check (kind = 'circular' or (meeting_id is not null and item_id is not null))
);
create index votes_board_idx on public.votes (board_id, created_at desc);
create index votes_open_deadline_idx on public.votes (deadline) where status = 'open';

-- Who is asked; also records a request for discussion in a meeting.
create table public.vote_voters (
  vote_id uuid not null references public.votes (id) on delete cascade,
  user_id uuid not null references auth.users (id) on delete cascade,
  board_id uuid not null references public.boards (id) on delete cascade,
  -- Declared conflict of interest (meeting votes): listed, never given a vote.
  excluded boolean not null default false,
  discussion_requested_at timestamptz,
  primary key (vote_id, user_id)
);
create index vote_voters_board_idx on public.vote_voters (board_id);
create index vote_voters_user_idx on public.vote_voters (user_id);

-- Who voted (no choice). The key is "one vote per member" for secret ballots.
create table public.vote_participation (
  vote_id uuid not null references public.votes (id) on delete cascade,
  user_id uuid not null references auth.users (id) on delete cascade,
  board_id uuid not null references public.boards (id) on delete cascade,
  voted_at timestamptz not null default now(),
  primary key (vote_id, user_id)
);
create index vote_participation_board_idx on public.vote_participation (board_id);
create index vote_participation_user_idx on public.vote_participation (user_id);

-- Open (named) choices; the key is "one vote per member", a change updates the row.
create table public.vote_choices (
  vote_id uuid not null references public.votes (id) on delete cascade,
  user_id uuid not null references auth.users (id) on delete cascade,
  board_id uuid not null references public.boards (id) on delete cascade,
  choice text not null check (choice in ('yes', 'no', 'abstain')),
  updated_at timestamptz not null default now(),
  primary key (vote_id, user_id)
);
create index vote_choices_board_idx on public.vote_choices (board_id);
create index vote_choices_user_idx on public.vote_choices (user_id);

-- Secret choices: deliberately no user column and no time column that could be matched to participation.
create table public.vote_ballots (
  id uuid primary key default gen_random_uuid(),
  vote_id uuid not null references public.votes (id) on delete cascade,
  board_id uuid not null references public.boards (id) on delete cascade,
  choice text not null check (choice in ('yes', 'no', 'abstain'))
);
create index vote_ballots_vote_idx on public.vote_ballots (vote_id);

-- Helpers -----------------------------------------------------------------------------------------

create function public.can_see_vote(p_vote uuid) returns boolean
language sql stable security definer set search_path = '' as $$
  select exists (select 1 from public.votes v where v.id = p_vote and public.is_full_member(v.board_id))
$$;

create function public.can_manage_vote(p_vote uuid) returns boolean
language sql stable security definer set search_path = '' as $$
  select exists (select 1 from public.votes v where v.id = p_vote and public.has_board_role(v.board_id, '{office,chair,deputy}'))
$$;

-- Casts (or, for open circular votes, changes) the caller's vote. Returns false when the caller may
-- not vote now; a second secret ballot fails on vote_participation's key (SQLSTATE 23505).
create function public.cast_vote(p_vote uuid, p_choice text) returns boolean
language plpgsql volatile security definer set search_path = '' as $$
declare
  v public.votes;
  me uuid := (select auth.uid());
begin
  select * into v from public.votes where id = p_vote;
  if v.id is null or v.kind <> 'circular' or v.status <> 'open' or v.deadline <= now()
    or not public.has_board_role(v.board_id, '{chair,deputy,member}')
    or not exists (select 1 from public.vote_voters w where w.vote_id = p_vote and w.user_id = me and not w.excluded)
    or p_choice not in ('yes', 'no', 'abstain') then
    return false;
  end if;
  if v.secret then
    insert into public.vote_participation (vote_id, user_id, board_id) values (p_vote, me, v.board_id);
    insert into public.vote_ballots (vote_id, board_id, choice) values (p_vote, v.board_id, p_choice);
  else
    insert into public.vote_participation (vote_id, user_id, board_id) values (p_vote, me, v.board_id)
      on conflict (vote_id, user_id) do update set voted_at = now();
    insert into public.vote_choices (vote_id, user_id, board_id, choice) values (p_vote, me, v.board_id, p_choice)
      on conflict (vote_id, user_id) do update set choice = excluded.choice, updated_at = now();
  end if;
  return true;
end
$$;

-- Records the caller's request to discuss the motion in a meeting; enough requests move the vote.
-- Returns the vote's status afterwards, or null when the caller may not ask.
create function public.request_vote_discussion(p_vote uuid) returns text
language plpgsql volatile security definer set search_path = '' as $$
declare
  v public.votes;
  requests integer;
begin
  select * into v from public.votes where id = p_vote for update;
  if v.id is null or v.kind <> 'circular' or v.status <> 'open' or v.deadline <= now()
    or not public.has_board_role(v.board_id, '{chair,deputy,member}') then
    return null;
  end if;
  update public.vote_voters set discussion_requested_at = coalesce(discussion_requested_at, now())
    where vote_id = p_vote and user_id = (select auth.uid()) and not excluded;
  if not found then
    return null;
  end if;
  select count(*) into requests from public.vote_voters where vote_id = p_vote and discussion_requested_at is not null;
  if v.discussion_threshold > 0 and requests >= v.discussion_threshold then
    update public.votes set status = 'moved', closed_at = now() where id = p_vote;
    return 'moved';
  end if;
  return v.status;
end
$$;

-- Counts for anyone who sees the vote (secret or not); the result is computed from these in the app.
create function public.vote_tally(p_vote uuid)
returns table (yes integer, no integer, abstain integer, voted integer, eligible integer, discussion integer)
language sql stable security definer set search_path = '' as $$
  with c as (
    select choice from public.vote_choices where vote_id = p_vote
    union all
    select choice from public.vote_ballots where vote_id = p_vote
  )
  select
    (select count(*) filter (where choice = 'yes') from c)::int,
    (select count(*) filter (where choice = 'no') from c)::int,
    (select count(*) filter (where choice = 'abstain') from c)::int,
    (select count(*) from public.vote_participation where vote_id = p_vote)::int,
    (select count(*) from public.vote_voters where vote_id = p_vote and not excluded)::int,
    (select count(*) from public.vote_voters where vote_id = p_vote and discussion_requested_at is not null)::int
  where public.can_see_vote(p_vote) or coalesce(current_setting('request.jwt.claims', true), '{}')::jsonb ->> 'role' = 'service_role'
$$;

revoke all on function public.can_see_vote(uuid), public.can_manage_vote(uuid), public.cast_vote(uuid, text),
  public.request_vote_discussion(uuid), public.vote_tally(uuid) from public, anon;
grant execute on function public.can_see_vote(uuid), public.can_manage_vote(uuid), public.cast_vote(uuid, text),
  public.request_vote_discussion(uuid), public.vote_tally(uuid) to authenticated, service_role;

-- Grants and policies -----------------------------------------------------------------------------

revoke all on public.votes, public.vote_voters, public.vote_participation, public.vote_choices, public.vote_ballots
  from public, anon, authenticated, service_role;
grant select, insert, update on public.votes to authenticated;
grant select, insert on public.vote_voters to authenticated;
grant select, insert on public.vote_participation to authenticated;
grant select, insert on public.vote_choices to authenticated;
-- No grant at all on vote_ballots to authenticated: only cast_vote writes it and vote_tally counts it.
grant all on public.votes, public.vote_voters, public.vote_participation, public.vote_choices, public.vote_ballots to service_role;

alter table public.votes enable row level security;
alter table public.vote_voters enable row level security;
alter table public.vote_participation enable row level security;
alter table public.vote_choices enable row level security;
alter table public.vote_ballots enable row level security;

create policy votes_select on public.votes for select to authenticated using (public.is_full_member(board_id));
create policy votes_insert on public.votes for insert to authenticated
  with check (case when kind = 'meeting' then public.has_board_role(board_id, '{office}') else public.has_board_role(board_id, '{office,chair,deputy}') end
    and (meeting_id is null or exists (select 1 from public.meetings m where m.id = meeting_id and m.board_id = votes.board_id)));
create policy votes_update on public.votes for update to authenticated
  using (public.has_board_role(board_id, '{office,chair,deputy}')) with check (public.has_board_role(board_id, '{office,chair,deputy}'));

create policy vote_voters_select on public.vote_voters for select to authenticated using (public.is_full_member(board_id));
create policy vote_voters_insert on public.vote_voters for insert to authenticated
  with check (public.has_board_role(board_id, '{office,chair,deputy}')
    and exists (select 1 from public.votes v where v.id = vote_id and v.board_id = vote_voters.board_id));

-- Who voted: oneself, and office/chair.
create policy vote_participation_select on public.vote_participation for select to authenticated
  using (user_id = (select auth.uid()) or public.has_board_role(board_id, '{office,chair,deputy}'));
-- Named meeting votes are typed in by office.
create policy vote_participation_insert on public.vote_participation for insert to authenticated
  with check (public.has_board_role(board_id, '{office}')
    and exists (select 1 from public.votes v where v.id = vote_id and v.board_id = vote_participation.board_id and v.kind = 'meeting' and not v.secret));

create policy vote_choices_select on public.vote_choices for select to authenticated
  using (user_id = (select auth.uid()) or public.has_board_role(board_id, '{office,chair,deputy}'));
create policy vote_choices_insert on public.vote_choices for insert to authenticated
  with check (public.has_board_role(board_id, '{office}')
    and exists (select 1 from public.votes v where v.id = vote_id and v.board_id = vote_choices.board_id and v.kind = 'meeting' and not v.secret)
    and not exists (select 1 from public.vote_voters w where w.vote_id = vote_choices.vote_id and w.user_id = vote_choices.user_id and w.excluded));

-- vote_ballots: no policies; nobody reads secret choices row by row.
