-- The decision text of approved minutes reaches the log also for items whose result was recorded in the
-- meeting (issue #11). Before, decision_from_minutes only created new 'minutes' entries and the minutes
-- approval skipped items already in the log from record_meeting_vote, so the wording typed under
-- "Beschluss" never reached the log (whose text stayed the agenda item's title or description).
--
-- Now, when the item's decision is already in the log (from a meeting vote, or from the minutes an
-- amendment corrects), the minutes' text becomes a revision of that entry ('amended', same number, next
-- revision): resolution = the approved text, the minutes paper added to its papers, status and vote
-- result kept. The revision
-- carries source 'minutes' and the source id `<minutes>:<item>`, so approving again (a retry) appends
-- nothing (decision_append_entry returns the entry recorded for a known source id). Otherwise the function records a new 'minutes' entry as before.
create or replace function public.decision_from_minutes(p_minutes uuid, p_item uuid)
returns table (decision_id uuid, decision_number text)
language plpgsql volatile security definer set search_path = '' as $$
declare
  v_minutes public.minutes;
  v_text text;
  v_section public.minutes_sections;
  v_voted public.decision_entries;
  e public.decision_entries;
begin
  select * into v_minutes from public.minutes m where m.id = p_minutes;
  if v_minutes.id is null or not public.decision_may_record(v_minutes.board_id) then
    raise exception 'not allowed to record decisions' using errcode = '42501';
  end if;
  select d.text into v_text from public.minutes_decisions d where d.minutes_id = p_minutes and d.item_id = p_item;
  select * into v_section from public.minutes_sections s
    where s.minutes_id = p_minutes and s.item_id = p_item and s.is_decision order by s.position limit 1;
  if v_minutes.final_sha256 is null or v_text is null or v_section.minutes_id is null then
    raise exception 'no decision of approved minutes' using errcode = '22023';
  end if;
  -- The board's lock first: the latest revision read below is then the one this revision follows.
  insert into public.decision_heads (board_id) values (v_minutes.board_id) on conflict do nothing;
  perform 1 from public.decision_heads h where h.board_id = v_minutes.board_id for update;
  -- The item's decision already in the log: from a meeting vote, or from earlier minutes being amended.
  select * into v_voted from public.decision_entries d
    where d.board_id = v_minutes.board_id and d.agenda_item_id = p_item
      and ((d.source = 'meeting' and d.source_id = p_item::text) or (d.source = 'minutes' and d.source_id <> p_minutes::text || ':' || p_item::text))
    order by d.seq limit 1;
  if v_voted.id is not null then
    select * into e from public.decision_entries d
      where d.board_id = v_minutes.board_id and d.number = v_voted.number order by d.revision desc limit 1;
    e.previous_id := e.id;
    e.revision := e.revision + 1;
    e.change := 'amended';
    e.resolution := btrim(v_text, E' \t\r\n');
    e.paper_ids := array(select distinct x from unnest(e.paper_ids || v_minutes.paper_id) x);
  else
    e.board_id := v_minutes.board_id;
    e.revision := 0;
    e.change := 'recorded';
    e.title := btrim(left(v_section.number || ': ' || v_section.title, 200), E' \t\r\n');
    e.resolution := btrim(v_text, E' \t\r\n');
    e.meeting_id := v_minutes.meeting_id;
    e.agenda_item_id := p_item;
    e.kind := 'resolution';
    e.vote_result := '{}';
    e.status := 'adopted';
    e.paper_ids := array[v_minutes.paper_id];
    e.is_public := v_section.is_public;
  end if;
  e.source := 'minutes';
  e.source_id := p_minutes::text || ':' || p_item::text;
  e := public.decision_append_entry(e);
  return query select e.id, e.number;
end
$$;

-- The other direction: a result recorded after the minutes were approved. record_meeting_vote as in
-- 20261205120000_record_write_paths.sql, except that when the item's decision is already in the log from
-- approved minutes, the result (counts, adopted/rejected) is appended as a revision of that entry.
create or replace function public.record_meeting_vote(p_item uuid, p_named jsonb, p_yes integer, p_no integer, p_abstain integer)
returns text
language plpgsql volatile security definer set search_path = '' as $$
declare
  i record;
  v_present uuid[];
  v_conflicted uuid[];
  v_eligible uuid[];
  v_users uuid[] := '{}';
  v_choices text[] := '{}';
  v_status text;
  v_vote uuid;
  v_number text;
  e public.decision_entries;
begin
  select ai.id, ai.title, ai.description, ai.is_public, ai.kind, ai.meeting_id, m.board_id into i
    from public.agenda_items ai join public.meetings m on m.id = ai.meeting_id where ai.id = p_item for update of ai;
  if i.id is null or not public.has_board_role(i.board_id, '{office}') then
    raise exception 'not allowed to record meeting votes' using errcode = '42501';
  end if;
  if i.kind <> 'decision' then
    raise exception 'only decision items are voted on' using errcode = '22023';
  end if;
  if exists (select 1 from public.votes w where w.item_id = p_item)
     or exists (select 1 from public.decision_entries d where d.board_id = i.board_id and d.source = 'meeting' and d.source_id = p_item::text) then
    raise exception 'a result is already recorded for this item' using errcode = '23505';
  end if;
  v_present := array(
    select a.user_id from public.meeting_attendance a
    join public.memberships ms on ms.board_id = i.board_id and ms.user_id = a.user_id and ms.active and ms.role in ('chair', 'deputy', 'member')
    where a.meeting_id = i.meeting_id and a.present);
  v_conflicted := array(select c.user_id from public.agenda_conflicts c where c.item_id = p_item and c.withdrawn_at is null);
  v_eligible := array(select u from unnest(v_present) u where u <> all (v_conflicted));
  if p_named is not null then
    if jsonb_typeof(p_named) <> 'array' then
      raise exception 'named choices are a list' using errcode = '22023';
    end if;
    select coalesce(array_agg((x ->> 'userId')::uuid order by n), '{}'), coalesce(array_agg(x ->> 'choice' order by n), '{}')
      into v_users, v_choices from jsonb_array_elements(p_named) with ordinality t (x, n);
    if exists (select 1 from unnest(v_users) u where u is null or u <> all (v_eligible))
       or exists (select 1 from unnest(v_choices) c where c is null or c not in ('yes', 'no', 'abstain')) then
      raise exception 'named choices only for present voting members without a conflict' using errcode = '22023';
    end if;
    p_yes := cardinality(array_positions(v_choices, 'yes'));
    p_no := cardinality(array_positions(v_choices, 'no'));
    p_abstain := cardinality(array_positions(v_choices, 'abstain'));
  end if;
  if p_yes is null or p_no is null or p_abstain is null or least(p_yes, p_no, p_abstain) < 0 then
    raise exception 'counts are whole numbers' using errcode = '22023';
  end if;
  if cardinality(v_present) > 0 and p_yes + p_no + p_abstain > greatest(cardinality(v_eligible), 1) then
    raise exception 'more votes than voting members present' using errcode = '22023';
  end if;
  v_status := case when p_yes > p_no then 'adopted' else 'rejected' end;
  insert into public.votes (board_id, kind, meeting_id, item_id, motion, secret, majority, min_participation, discussion_threshold,
    status, yes_count, no_count, abstain_count, eligible_count, closed_at, created_by)
  values (i.board_id, 'meeting', i.meeting_id, p_item, coalesce(nullif(i.description, ''), i.title), false, 'cast', 0, 0,
    v_status, p_yes, p_no, p_abstain, cardinality(v_eligible), now(), (select auth.uid()))
  returning id into v_vote;
  insert into public.vote_voters (vote_id, board_id, user_id, excluded)
    select v_vote, i.board_id, u, u = any (v_conflicted) from unnest(v_present) u;
  insert into public.vote_participation (vote_id, board_id, user_id) select v_vote, i.board_id, u from unnest(v_users) u;
  insert into public.vote_choices (vote_id, board_id, user_id, choice)
    select v_vote, i.board_id, t.u, t.c from unnest(v_users, v_choices) as t (u, c);
  -- Already in the log from approved minutes (their text, no result): the result becomes a revision of
  -- that entry, not a second decision for the same item.
  select d.number into v_number from public.decision_entries d
    where d.board_id = i.board_id and d.agenda_item_id = p_item and d.source = 'minutes' order by d.seq limit 1;
  if v_number is not null then
    perform 1 from public.decision_heads h where h.board_id = i.board_id for update;
    select * into e from public.decision_entries d where d.board_id = i.board_id and d.number = v_number order by d.revision desc limit 1;
    e.previous_id := e.id;
    e.revision := e.revision + 1;
    e.change := 'amended';
    -- A later status (implemented, superseded, ...) stays; adopted/rejected follow the result.
    if e.status in ('adopted', 'rejected') then
      e.status := v_status;
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
    e.status := v_status;
    e.is_public := i.is_public;
  end if;
  e.vote_result := jsonb_build_object('yes', p_yes, 'no', p_no, 'abstain', p_abstain);
  e.source := 'meeting';
  e.source_id := p_item::text;
  perform public.decision_append_entry(e);
  return v_status;
end
$$;
