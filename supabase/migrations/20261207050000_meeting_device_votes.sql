-- Votes in the meeting on people's own devices (issue #19). The chair (or office) opens a vote on a decision
-- item of the meeting; present voting members cast it from their own device, named or secret, with the
-- guarantees of circular resolutions: the same tables (vote_participation's key is one vote per person,
-- vote_ballots has no voter, vote_tally is sealed for a secret vote until its counts are stored); members
-- with a declared conflict on the item and absent members get no vote. Closing stores the counts on the
-- vote row (which the minutes draft reads) and appends the decision-log entry as record_meeting_vote does,
-- so the item, the minutes and the log show the same numbers. No new table: the votes row is the record.

-- A result from people's devices (as opposed to counts typed by the office after a show of hands).
alter table public.votes add column on_devices boolean not null default false;

-- At most one vote open on devices per meeting: "the current vote" is unambiguous for every screen.
create unique index votes_one_open_per_meeting on public.votes (meeting_id)
  where kind = 'meeting' and status = 'open';

-- Voting members recorded present at the meeting and without an active conflict on the item.
create function public.meeting_vote_present_eligible(p_meeting uuid, p_board uuid, p_item uuid) returns uuid[]
language sql stable security definer set search_path = '' as $$
  select coalesce(array_agg(a.user_id order by a.user_id), '{}') from public.meeting_attendance a
  join public.memberships ms on ms.board_id = p_board and ms.user_id = a.user_id and ms.active
    and ms.role in ('chair', 'deputy', 'member')
  where a.meeting_id = p_meeting and a.present
    and not exists (select 1 from public.agenda_conflicts c where c.item_id = p_item and c.user_id = a.user_id and c.withdrawn_at is null)
$$;

-- Opens the vote on a decision item (office, chair, deputy). The item's existing vote is returned instead of a
-- second one (the item's unique key: a repeated form opens nothing new); another vote still open in the
-- meeting is refused by votes_one_open_per_meeting (23505). Voters: present voting members, those with a
-- declared conflict listed as excluded.
create function public.open_meeting_vote(p_item uuid, p_secret boolean) returns uuid
language plpgsql volatile security definer set search_path = '' as $$
declare
  i record;
  v_id uuid;
  v_present uuid[];
begin
  select ai.id, ai.title, ai.description, ai.kind, ai.meeting_id, m.board_id, m.status into i
    from public.agenda_items ai join public.meetings m on m.id = ai.meeting_id where ai.id = p_item for update of ai;
  if i.id is null or not public.has_board_role(i.board_id, '{office,chair,deputy}') then
    raise exception 'not allowed to open meeting votes' using errcode = '42501';
  end if;
  if i.kind <> 'decision' or i.status = 'cancelled' then
    raise exception 'only decision items of a meeting that takes place are voted on' using errcode = '22023';
  end if;
  select w.id into v_id from public.votes w where w.item_id = p_item;
  if v_id is not null then
    return v_id;
  end if;
  if exists (select 1 from public.decision_entries d where d.board_id = i.board_id and d.source = 'meeting' and d.source_id = p_item::text) then
    raise exception 'a result is already recorded for this item' using errcode = '23505';
  end if;
  insert into public.votes (board_id, kind, meeting_id, item_id, motion, secret, majority, min_participation, discussion_threshold,
    status, on_devices, created_by)
  values (i.board_id, 'meeting', i.meeting_id, p_item, coalesce(nullif(i.description, ''), i.title), coalesce(p_secret, false),
    'cast', 0, 0, 'open', true, (select auth.uid()))
  returning id into v_id;
  v_present := array(
    select a.user_id from public.meeting_attendance a
    join public.memberships ms on ms.board_id = i.board_id and ms.user_id = a.user_id and ms.active and ms.role in ('chair', 'deputy', 'member')
    where a.meeting_id = i.meeting_id and a.present);
  insert into public.vote_voters (vote_id, board_id, user_id, excluded)
    select v_id, i.board_id, u, exists (select 1 from public.agenda_conflicts c where c.item_id = p_item and c.user_id = u and c.withdrawn_at is null)
    from unnest(v_present) u;
  return v_id;
end
$$;

-- The caller's vote in an open meeting vote. Returns 'ok', or why not: 'closed', 'notVoting' (no voting
-- role), 'notPresent' (not checked in), 'conflicted' (declared conflict on the item). A second secret ballot
-- fails on vote_participation's key (23505); a named vote may be changed until the close, one row per person.
-- The share lock waits for a close in progress, so no ballot lands after the count.
create function public.cast_meeting_vote(p_vote uuid, p_choice text) returns text
language plpgsql volatile security definer set search_path = '' as $$
declare
  v public.votes;
  me uuid := (select auth.uid());
begin
  select * into v from public.votes w where w.id = p_vote for share;
  if v.id is null or not public.is_full_member(v.board_id) then
    raise exception 'vote not found' using errcode = 'P0002';
  end if;
  if v.kind <> 'meeting' or not v.on_devices or v.status <> 'open' then
    return 'closed';
  end if;
  if p_choice is null or p_choice not in ('yes', 'no', 'abstain') then
    raise exception 'a choice is yes, no or abstain' using errcode = '22023';
  end if;
  if not public.has_board_role(v.board_id, '{chair,deputy,member}') then
    return 'notVoting';
  end if;
  if not exists (select 1 from public.meeting_attendance a where a.meeting_id = v.meeting_id and a.user_id = me and a.present) then
    return 'notPresent';
  end if;
  if exists (select 1 from public.agenda_conflicts c where c.item_id = v.item_id and c.user_id = me and c.withdrawn_at is null) then
    return 'conflicted';
  end if;
  -- A late arrival (or a withdrawn conflict) joins the voters.
  insert into public.vote_voters (vote_id, board_id, user_id, excluded) values (p_vote, v.board_id, me, false)
    on conflict (vote_id, user_id) do update set excluded = false;
  if v.secret then
    insert into public.vote_participation (vote_id, user_id, board_id, voted_at) values (p_vote, me, v.board_id, null);
    insert into public.vote_ballots (vote_id, board_id, choice) values (p_vote, v.board_id, p_choice);
  else
    insert into public.vote_participation (vote_id, user_id, board_id) values (p_vote, me, v.board_id)
      on conflict (vote_id, user_id) do update set voted_at = now();
    insert into public.vote_choices (vote_id, user_id, board_id, choice) values (p_vote, me, v.board_id, p_choice)
      on conflict (vote_id, user_id) do update set choice = excluded.choice, updated_at = now();
  end if;
  return 'ok';
end
$$;

-- How many have voted and how many may (present eligible now, and everyone who has voted): never how.
create function public.meeting_vote_turnout(p_vote uuid) returns table (voted integer, eligible integer)
language sql stable security definer set search_path = '' as $$
  select
    (select count(*) from public.vote_participation p where p.vote_id = v.id)::int,
    (select count(distinct u) from (
       select unnest(public.meeting_vote_present_eligible(v.meeting_id, v.board_id, v.item_id)) as u
       union select p.user_id from public.vote_participation p where p.vote_id = v.id) t)::int
  from public.votes v
  where v.id = p_vote and v.kind = 'meeting' and public.can_see_vote(p_vote)
$$;

-- The decision-log entry of a meeting result, as record_meeting_vote writes it: a new 'meeting' entry, or,
-- when the item's decision is already in the log from approved minutes, a revision of that entry.
create function public.meeting_vote_log(p_item uuid, p_yes integer, p_no integer, p_abstain integer, p_status text) returns void
language plpgsql volatile security definer set search_path = '' as $$
declare
  i record;
  v_number text;
  e public.decision_entries;
begin
  select ai.id, ai.title, ai.description, ai.is_public, ai.meeting_id, m.board_id into i
    from public.agenda_items ai join public.meetings m on m.id = ai.meeting_id where ai.id = p_item;
  select d.number into v_number from public.decision_entries d
    where d.board_id = i.board_id and d.agenda_item_id = p_item and d.source = 'minutes' order by d.seq limit 1;
  if v_number is not null then
    perform 1 from public.decision_heads h where h.board_id = i.board_id for update;
    select * into e from public.decision_entries d where d.board_id = i.board_id and d.number = v_number order by d.revision desc limit 1;
    e.previous_id := e.id;
    e.revision := e.revision + 1;
    e.change := 'amended';
    if e.status in ('adopted', 'rejected') then
      e.status := p_status;
    end if;
  else
    e.board_id := i.board_id;
    e.revision := 0;
    e.change := 'recorded';
    e.title := btrim(i.title, E' \t\r\n');
    e.resolution := btrim(coalesce(nullif(i.description, ''), i.title), E' \t\r\n');
    e.meeting_id := i.meeting_id;
    e.agenda_item_id := p_item;
    e.kind := 'resolution';
    e.status := p_status;
    e.is_public := i.is_public;
  end if;
  e.vote_result := jsonb_build_object('yes', p_yes, 'no', p_no, 'abstain', p_abstain);
  e.source := 'meeting';
  e.source_id := p_item::text;
  perform public.decision_append_entry(e);
end
$$;

-- Closes the open vote (office, chair, deputy): counts under the vote's lock, stores counts and result on the
-- vote row (more yes than no: adopted, as for results typed by the office), lists everyone present as voters,
-- and appends the decision-log entry. A vote closed already returns no row (a repeated close is a no-op).
create function public.close_meeting_vote(p_vote uuid)
returns table (closed_status text, tally_yes integer, tally_no integer, tally_abstain integer, tally_voted integer, tally_eligible integer)
language plpgsql volatile security definer set search_path = '' as $$
declare
  v public.votes;
begin
  select * into v from public.votes w where w.id = p_vote for update;
  if v.id is null then
    return;
  end if;
  if not public.has_board_role(v.board_id, '{office,chair,deputy}') then
    raise exception 'not allowed to close votes' using errcode = '42501';
  end if;
  if v.kind <> 'meeting' or not v.on_devices or v.status <> 'open' then
    return;
  end if;
  select count(*) filter (where c.choice = 'yes')::integer, count(*) filter (where c.choice = 'no')::integer,
         count(*) filter (where c.choice = 'abstain')::integer
    into tally_yes, tally_no, tally_abstain
    from (select ch.choice from public.vote_choices ch where ch.vote_id = p_vote
          union all select b.choice from public.vote_ballots b where b.vote_id = p_vote) c;
  select t.voted, t.eligible into tally_voted, tally_eligible from public.meeting_vote_turnout(p_vote) t;
  insert into public.vote_voters (vote_id, board_id, user_id, excluded)
    select p_vote, v.board_id, u, false from unnest(public.meeting_vote_present_eligible(v.meeting_id, v.board_id, v.item_id)) u
    on conflict (vote_id, user_id) do nothing;
  closed_status := case when tally_yes > tally_no then 'adopted' else 'rejected' end;
  update public.votes w set status = closed_status, yes_count = tally_yes, no_count = tally_no, abstain_count = tally_abstain,
    eligible_count = tally_eligible, closed_at = now()
    where w.id = p_vote;
  perform public.meeting_vote_log(v.item_id, tally_yes, tally_no, tally_abstain, closed_status);
  return next;
end
$$;

revoke all on function public.meeting_vote_present_eligible(uuid, uuid, uuid), public.meeting_vote_log(uuid, integer, integer, integer, text)
  from public, anon, authenticated, service_role;
revoke all on function public.open_meeting_vote(uuid, boolean), public.cast_meeting_vote(uuid, text),
  public.meeting_vote_turnout(uuid), public.close_meeting_vote(uuid) from public, anon;
grant execute on function public.open_meeting_vote(uuid, boolean), public.cast_meeting_vote(uuid, text),
  public.meeting_vote_turnout(uuid), public.close_meeting_vote(uuid) to authenticated;
grant execute on function public.meeting_vote_turnout(uuid) to service_role;
