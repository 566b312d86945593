-- The record is written only by the server's functions (security review, "Votes and the decision log").
--
-- 1. Secret ballots: until a secret vote has been counted at its close nobody reads its counts
--    (vote_tally returns none, the votes row has none), only how many have voted; participation of a
--    secret vote carries no time and is readable only by the voter, so nothing orders the ballots.
-- 2. Results and the decision log: `authenticated` may no longer UPDATE votes, insert results, choices
--    or participation, nor insert decision entries. Closing a circular vote, recording a meeting result,
--    recording or revising a decision and taking a decision from approved minutes are functions below
--    (security definer, the caller's role checked inside); the log's position, number and hash are
--    computed here, under the board's lock, so nobody can place or forge an entry. The hash is the
--    same SHA-256 of the same canonical JSON as src/lib/server/decisions/decision-hash.ts, which stays
--    the independent verifier.
-- 3. paper_readers() gives e-mail addresses to full members of the board only.

-- Decision log: hashing -------------------------------------------------------------------------------

-- Canonical JSON as canonicalJson() in decision-hash.ts writes it: object keys in code-unit order, no
-- whitespace, strings escaped as JSON.stringify does (PostgreSQL's JSON output escapes the same set).
create function public.decision_canonical_json(p jsonb) returns text
language plpgsql immutable set search_path = '' as $$
declare
  v_out text;
begin
  case jsonb_typeof(p)
    when 'object' then
      select '{' || coalesce(string_agg(to_jsonb(e.key)::text || ':' || public.decision_canonical_json(e.value), ',' order by e.key collate "C"), '') || '}'
        into v_out from jsonb_each(p) e;
    when 'array' then
      select '[' || coalesce(string_agg(public.decision_canonical_json(a.value), ',' order by a.n), '') || ']'
        into v_out from jsonb_array_elements(p) with ordinality a (value, n);
    else
      v_out := p::text;
  end case;
  return v_out;
end
$$;

-- The fields entryHash() covers, under the names and in the formats decision.repository reads back.
create function public.decision_entry_hash(e public.decision_entries) returns text
language sql stable set search_path = '' as $$
  select encode(sha256(convert_to(public.decision_canonical_json(jsonb_build_object(
    'boardId', e.board_id, 'seq', e.seq, 'number', e.number, 'revision', e.revision, 'previousId', e.previous_id,
    'change', e.change, 'title', e.title, 'resolution', e.resolution, 'meetingId', e.meeting_id,
    'agendaItemId', e.agenda_item_id, 'kind', e.kind, 'voteResult', e.vote_result, 'status', e.status,
    'supersededBy', e.superseded_by, 'supersedes', e.supersedes, 'responsible', e.responsible,
    'dueDate', to_char(e.due_date::timestamp, 'YYYY-MM-DD'),
    'paperIds', to_jsonb(array(select x::text from unnest(e.paper_ids) x order by x::text collate "C")),
    'source', e.source, 'sourceId', e.source_id, 'isPublic', e.is_public, 'recordedBy', e.recorded_by,
    'recordedAt', to_char(e.recorded_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
    'prevHash', e.prev_hash)), 'UTF8')), 'hex')
$$;

-- Decision log: the one writer ------------------------------------------------------------------------

-- Appends `p` (content fields filled by the caller; number set for a revision, null for a new decision)
-- at the end of its board's chain. The lock on the board's head row serialises appends, so positions
-- and numbers are gap-free (the counters roll back with the caller). A known source id returns the
-- entry recorded for it. Internal: only the functions below call it.
create function public.decision_append_entry(p public.decision_entries) returns public.decision_entries
language plpgsql volatile security definer set search_path = '' as $$
declare
  v_head bigint;
  v_at timestamptz := date_trunc('milliseconds', now());
  v_existing public.decision_entries;
begin
  insert into public.decision_heads (board_id) values (p.board_id) on conflict do nothing;
  select h.seq into v_head from public.decision_heads h where h.board_id = p.board_id for update;
  if p.source_id is not null then
    select * into v_existing from public.decision_entries e
      where e.board_id = p.board_id and e.source = p.source and e.source_id = p.source_id;
    if v_existing.id is not null then
      return v_existing;
    end if;
  end if;
  if p.number is null then
    p.year := extract(year from v_at at time zone 'Europe/Berlin')::integer;
    insert into public.decision_counters as c (board_id, year, last_number) values (p.board_id, p.year, 1)
      on conflict (board_id, year) do update set last_number = c.last_number + 1
      returning c.last_number into p.number_in_year;
    p.number := p.year::text || '/' || lpad(p.number_in_year::text, greatest(2, length(p.number_in_year::text)), '0');
  else
    p.year := split_part(p.number, '/', 1)::integer;
    p.number_in_year := split_part(p.number, '/', 2)::integer;
  end if;
  p.id := gen_random_uuid();
  p.seq := v_head + 1;
  p.prev_hash := coalesce((select e.hash from public.decision_entries e where e.board_id = p.board_id and e.seq = v_head), 'genesis');
  p.recorded_by := (select auth.uid());
  p.recorded_at := v_at;
  p.vote_result := coalesce(p.vote_result, '{}'::jsonb);
  p.paper_ids := coalesce(p.paper_ids, '{}'::uuid[]);
  p.hash := public.decision_entry_hash(p);
  update public.decision_heads h set seq = p.seq where h.board_id = p.board_id;
  insert into public.decision_entries (id, board_id, seq, year, number_in_year, number, revision, previous_id, change,
    title, resolution, meeting_id, agenda_item_id, kind, vote_result, status, superseded_by, supersedes, responsible,
    due_date, paper_ids, source, source_id, is_public, recorded_by, recorded_at, prev_hash, hash)
  values (p.id, p.board_id, p.seq, p.year, p.number_in_year, p.number, p.revision, p.previous_id, p.change,
    p.title, p.resolution, p.meeting_id, p.agenda_item_id, p.kind, p.vote_result, p.status, p.superseded_by, p.supersedes,
    p.responsible, p.due_date, p.paper_ids, p.source, p.source_id, p.is_public, p.recorded_by, p.recorded_at, p.prev_hash, p.hash);
  return p;
end
$$;

-- The vote result as the log keeps it: counts (whole, not negative) and the two flags, nothing else.
create function public.decision_clean_vote(p jsonb) returns jsonb
language plpgsql immutable set search_path = '' as $$
declare
  v_out jsonb := '{}';
  v_key text;
begin
  if p is null or jsonb_typeof(p) <> 'object' then
    raise exception 'vote result must be an object' using errcode = '22023';
  end if;
  foreach v_key in array array['yes', 'no', 'abstain'] loop
    continue when jsonb_typeof(p -> v_key) is distinct from 'number';
    if (p ->> v_key)::numeric < 0 or (p ->> v_key)::numeric <> trunc((p ->> v_key)::numeric) then
      raise exception 'vote counts are whole numbers' using errcode = '22023';
    end if;
    v_out := v_out || jsonb_build_object(v_key, (p ->> v_key)::integer);
  end loop;
  if p -> 'unanimous' = 'true'::jsonb then v_out := v_out || '{"unanimous": true}'; end if;
  if p -> 'consensus' = 'true'::jsonb then v_out := v_out || '{"consensus": true}'; end if;
  return v_out;
end
$$;

create function public.decision_may_record(p_board uuid) returns boolean
language sql stable security definer set search_path = '' as $$
  select public.has_board_role(p_board, '{office,chair,deputy}') or coalesce((select auth.role()), '') = 'service_role'
$$;

-- Meeting, agenda item and papers named by an entry belong to its board.
create function public.decision_check_links(e public.decision_entries) returns void
language plpgsql stable security definer set search_path = '' as $$
begin
  if e.meeting_id is not null and not exists (select 1 from public.meetings m where m.id = e.meeting_id and m.board_id = e.board_id) then
    raise exception 'meeting of another board' using errcode = '22023';
  end if;
  if e.agenda_item_id is not null and not exists (
    select 1 from public.agenda_items i join public.meetings m on m.id = i.meeting_id
    where i.id = e.agenda_item_id and m.board_id = e.board_id and (e.meeting_id is null or i.meeting_id = e.meeting_id)) then
    raise exception 'agenda item of another board or meeting' using errcode = '22023';
  end if;
  if exists (select 1 from unnest(e.paper_ids) x where not exists (select 1 from public.papers p where p.id = x and p.board_id = e.board_id)) then
    raise exception 'paper of another board' using errcode = '22023';
  end if;
end
$$;

-- A new decision recorded by office, chair or deputy (or a system task): by hand ('manual'), or as the
-- decision of a decision item of one of the board's meetings ('meeting', source id = the item).
-- Entries from circular votes and minutes are written by their own functions, from their own rows.
create function public.decision_record(p_board uuid, p_entry jsonb)
returns table (decision_id uuid, decision_number text)
language plpgsql volatile security definer set search_path = '' as $$
declare
  e public.decision_entries;
  v_meeting uuid;
begin
  if not public.decision_may_record(p_board) then
    raise exception 'not allowed to record decisions' using errcode = '42501';
  end if;
  e.board_id := p_board;
  e.revision := 0;
  e.change := 'recorded';
  e.title := p_entry ->> 'title';
  e.resolution := p_entry ->> 'resolution';
  e.meeting_id := (p_entry ->> 'meetingId')::uuid;
  e.agenda_item_id := (p_entry ->> 'agendaItemId')::uuid;
  e.kind := p_entry ->> 'kind';
  e.vote_result := public.decision_clean_vote(coalesce(p_entry -> 'voteResult', '{}'));
  e.status := p_entry ->> 'status';
  e.supersedes := p_entry ->> 'supersedes';
  e.responsible := p_entry ->> 'responsible';
  e.due_date := (p_entry ->> 'dueDate')::date;
  e.paper_ids := array(select x::uuid from jsonb_array_elements_text(coalesce(p_entry -> 'paperIds', '[]')) x);
  e.source := p_entry ->> 'source';
  e.source_id := p_entry ->> 'sourceId';
  e.is_public := (p_entry ->> 'isPublic')::boolean;
  if e.source = 'meeting' then
    select i.meeting_id into v_meeting from public.agenda_items i join public.meetings m on m.id = i.meeting_id
      where i.id::text = e.source_id and i.kind = 'decision' and m.board_id = p_board;
    if v_meeting is null or e.agenda_item_id is distinct from e.source_id::uuid or e.meeting_id is distinct from v_meeting then
      raise exception 'a meeting decision belongs to a decision item of its meeting' using errcode = '22023';
    end if;
  elsif e.source is distinct from 'manual' then
    raise exception 'decisions from % are recorded by their own function', coalesce(e.source, 'nowhere') using errcode = '42501';
  end if;
  if e.status is null or e.status not in ('adopted', 'rejected', 'deferred', 'withdrawn') then
    raise exception 'a new decision is adopted, rejected, deferred or withdrawn' using errcode = '22023';
  end if;
  if e.supersedes is not null and not exists (select 1 from public.decision_entries d where d.board_id = p_board and d.number = e.supersedes) then
    raise exception 'superseded decision not found' using errcode = '22023';
  end if;
  perform public.decision_check_links(e);
  e := public.decision_append_entry(e);
  return query select e.id, e.number;
end
$$;

-- A change to a decision: a new entry with the same number and the next revision, built from the latest
-- entry here (not from what the caller sends). p_previous is the entry the caller saw: a change made
-- meanwhile refuses this one. 'amended' changes title/resolution; 'status' the status, responsible and
-- due date; 'superseded' marks the decision replaced by a later one that names it in `supersedes`.
create function public.decision_revise(p_board uuid, p_number text, p_previous uuid, p_change text, p_revision jsonb)
returns table (decision_id uuid, decision_number text)
language plpgsql volatile security definer set search_path = '' as $$
declare
  e public.decision_entries;
begin
  if not public.decision_may_record(p_board) then
    raise exception 'not allowed to record decisions' using errcode = '42501';
  end if;
  perform 1 from public.decision_heads h where h.board_id = p_board for update;
  select * into e from public.decision_entries d where d.board_id = p_board and d.number = p_number order by d.revision desc limit 1;
  if e.id is null then
    raise exception 'decision not found' using errcode = 'P0002';
  end if;
  if e.id is distinct from p_previous then
    raise exception 'decision % was changed meanwhile', p_number using errcode = '40001';
  end if;
  if p_change = 'amended' then
    e.title := coalesce(p_revision ->> 'title', e.title);
    e.resolution := coalesce(p_revision ->> 'resolution', e.resolution);
  elsif p_change = 'status' then
    if e.status = 'superseded' or coalesce(p_revision ->> 'status', 'superseded') = 'superseded' then
      raise exception 'status of a superseded decision, or to superseded' using errcode = '22023';
    end if;
    e.status := p_revision ->> 'status';
    if p_revision ? 'responsible' then e.responsible := p_revision ->> 'responsible'; end if;
    if p_revision ? 'dueDate' then e.due_date := (p_revision ->> 'dueDate')::date; end if;
  elsif p_change = 'superseded' then
    if e.status = 'superseded' or not exists (
      select 1 from public.decision_entries d where d.board_id = p_board and d.number = p_revision ->> 'supersededBy' and d.supersedes = p_number) then
      raise exception 'superseded only by a decision that names it' using errcode = '22023';
    end if;
    e.status := 'superseded';
    e.superseded_by := p_revision ->> 'supersededBy';
  else
    raise exception 'unknown change %', p_change using errcode = '22023';
  end if;
  e.previous_id := e.id;
  e.revision := e.revision + 1;
  e.change := p_change;
  e.source := 'manual';
  e.source_id := null;
  e := public.decision_append_entry(e);
  return query select e.id, e.number;
end
$$;

-- The decision of an agenda item taken from approved minutes: text, title and visibility come from the
-- minutes' own rows (final text stored, decision text kept in minutes_decisions), once per item.
create function public.decision_from_minutes(p_minutes uuid, p_item uuid)
returns table (decision_id uuid, decision_number text)
language plpgsql volatile security definer set search_path = '' as $$
declare
  v_minutes public.minutes;
  v_text text;
  v_section public.minutes_sections;
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
  e.source := 'minutes';
  e.source_id := p_minutes::text || ':' || p_item::text;
  e.is_public := v_section.is_public;
  e := public.decision_append_entry(e);
  return query select e.id, e.number;
end
$$;

-- Votes: circular close ---------------------------------------------------------------------------------

-- Closes a circular vote and stores its counts. Office, chair or deputy close an open vote early, in their
-- own transaction (they may end a vote at any time, so they see its counts in that transaction). The
-- server's system path (service_role: the vote job, and the app after the last ballot or a move to a
-- meeting) closes votes at the deadline and counts votes moved to a meeting; only there, so the member
-- whose request moved a secret vote reads no counts in that transaction. An adopted vote gets its
-- decision-log entry. Under the vote's row lock, so a second call is a no-op (no row) and the decision is
-- logged once. Rules: too little participation fails; 'cast' needs more yes than no, 'members' more yes
-- than half of all voters asked.
create function public.close_circular_vote(p_vote uuid)
returns table (closed_status text, tally_yes integer, tally_no integer, tally_abstain integer,
  tally_voted integer, tally_eligible integer, tally_discussion integer)
language plpgsql volatile security definer set search_path = '' as $$
declare
  v public.votes;
  v_system boolean;
  e public.decision_entries;
begin
  select * into v from public.votes w where w.id = p_vote for update;
  if v.id is null then
    return;
  end if;
  v_system := coalesce((select auth.role()), '') = 'service_role';
  if not (v_system or public.has_board_role(v.board_id, '{office,chair,deputy}')) then
    raise exception 'not allowed to close votes' using errcode = '42501';
  end if;
  if v.kind <> 'circular' or not (v.status = 'open' or (v_system and v.status = 'moved' and v.yes_count is null)) then
    return;
  end if;
  select count(*) filter (where c.choice = 'yes')::integer, count(*) filter (where c.choice = 'no')::integer,
         count(*) filter (where c.choice = 'abstain')::integer
    into tally_yes, tally_no, tally_abstain
    from (select ch.choice from public.vote_choices ch where ch.vote_id = p_vote
          union all select b.choice from public.vote_ballots b where b.vote_id = p_vote) c;
  select count(*)::integer into tally_voted from public.vote_participation p where p.vote_id = p_vote;
  select count(*) filter (where not w.excluded)::integer, count(*) filter (where w.discussion_requested_at is not null)::integer
    into tally_eligible, tally_discussion from public.vote_voters w where w.vote_id = p_vote;
  closed_status := case
    when v.status = 'moved' then 'moved'
    when tally_eligible = 0 or tally_voted * 100 < v.min_participation * tally_eligible then 'failed'
    when (v.majority = 'cast' and tally_yes > tally_no) or (v.majority = 'members' and tally_yes * 2 > tally_eligible) then 'adopted'
    else 'rejected' end;
  update public.votes w set status = closed_status, yes_count = tally_yes, no_count = tally_no, abstain_count = tally_abstain,
    eligible_count = tally_eligible, closed_at = coalesce(w.closed_at, now())
    where w.id = p_vote;
  if closed_status = 'adopted' then
    e.board_id := v.board_id;
    e.revision := 0;
    e.change := 'recorded';
    e.title := btrim(left(split_part(v.motion, E'\n', 1), 200), E' \t\r\n');
    e.resolution := btrim(v.motion, E' \t\r\n');
    e.kind := 'resolution';
    e.vote_result := jsonb_build_object('yes', tally_yes, 'no', tally_no, 'abstain', tally_abstain);
    e.status := 'adopted';
    e.source := 'circular';
    e.source_id := v.id::text;
    e.is_public := false;
    perform public.decision_append_entry(e);
  end if;
  return next;
end
$$;

-- Votes: meeting results -----------------------------------------------------------------------------------

-- Records the result of a decision item in a meeting (office): counts, or one choice per present voting
-- member (p_named: [{"userId", "choice"}], null for counts). Voters are the voting members recorded
-- present; declared conflicts are listed and get no vote. Stores the vote with its result, the voters,
-- named choices and the decision-log entry in one go; a second result for the item is refused (23505).
create function public.record_meeting_vote(p_item uuid, p_named jsonb, p_yes integer, p_no integer, p_abstain integer)
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
  e.board_id := i.board_id;
  e.revision := 0;
  e.change := 'recorded';
  e.title := btrim(i.title, E' \t\r\n');
  e.resolution := btrim(coalesce(nullif(i.description, ''), i.title), E' \t\r\n');
  e.meeting_id := i.meeting_id;
  e.agenda_item_id := p_item;
  e.kind := 'resolution';
  e.vote_result := jsonb_build_object('yes', p_yes, 'no', p_no, 'abstain', p_abstain);
  e.status := v_status;
  e.source := 'meeting';
  e.source_id := p_item::text;
  e.is_public := i.is_public;
  perform public.decision_append_entry(e);
  return v_status;
end
$$;

-- Votes: secret ballots ------------------------------------------------------------------------------------

-- No time per secret voter: participation is "has voted", nothing that orders ballots.
alter table public.vote_participation alter column voted_at drop not null;
update public.vote_participation p set voted_at = null from public.votes v where v.id = p.vote_id and v.secret;

create or replace function public.cast_vote(p_vote uuid, p_choice text) returns boolean
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
    insert into public.vote_participation (vote_id, user_id, board_id, voted_at) values (p_vote, me, v.board_id, null);
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

-- As before, but the counts of a secret vote are null, for everyone, until close_circular_vote has stored
-- them: not while it is open, nor in the transaction that moves it to a meeting.
create or replace function public.vote_tally(p_vote uuid)
returns table (yes integer, no integer, abstain integer, voted integer, eligible integer, discussion integer)
language sql stable security definer set search_path = '' as $$
  with c as (
    select choice from public.vote_choices where vote_id = p_vote
    union all
    select choice from public.vote_ballots where vote_id = p_vote
  ), sealed as (
    select exists (select 1 from public.votes v where v.id = p_vote and v.secret and v.yes_count is null) as yes
  )
  select
    case when not sealed.yes then (select count(*) filter (where choice = 'yes') from c)::int end,
    case when not sealed.yes then (select count(*) filter (where choice = 'no') from c)::int end,
    case when not sealed.yes then (select count(*) filter (where choice = 'abstain') from c)::int end,
    (select count(*) from public.vote_participation where vote_id = p_vote)::int,
    (select count(*) from public.vote_voters where vote_id = p_vote and not excluded)::int,
    (select count(*) from public.vote_voters where vote_id = p_vote and discussion_requested_at is not null)::int
  from sealed
  where public.can_see_vote(p_vote) or coalesce(current_setting('request.jwt.claims', true), '{}')::jsonb ->> 'role' = 'service_role'
$$;

-- Voters are added while a circular vote is being opened: open, nobody has voted or asked for a
-- discussion yet, and only the board's voting members.
create function public.vote_accepts_voter(p_vote uuid, p_board uuid, p_user uuid) returns boolean
language sql stable security definer set search_path = '' as $$
  select exists (select 1 from public.votes v where v.id = p_vote and v.board_id = p_board and v.kind = 'circular' and v.status = 'open')
    and not exists (select 1 from public.vote_participation p where p.vote_id = p_vote)
    and not exists (select 1 from public.vote_voters w where w.vote_id = p_vote and w.discussion_requested_at is not null)
    and exists (select 1 from public.memberships m where m.board_id = p_board and m.user_id = p_user and m.active
                and m.role in ('chair', 'deputy', 'member'))
$$;

-- paper_readers: addresses for full members only ---------------------------------------------------------

create or replace function public.paper_readers(p_paper uuid)
returns table (user_id uuid, display_name text, email text, locale text, access public.paper_access_level)
language sql stable security definer set search_path = '' as $$
  select m.user_id, pr.display_name,
    case when public.is_full_member(p.board_id) then pr.email end,
    pr.locale,
    case
      when m.role = 'office' then 'edit'::public.paper_access_level
      when p.created_by = m.user_id and m.role <> 'guest' then 'edit'::public.paper_access_level
      when p.status = 'archived' then 'view'::public.paper_access_level
      when a.access is not null then a.access
      else p.board_access
    end
  from public.papers p
  join public.memberships m on m.board_id = p.board_id and m.active
  join public.profiles pr on pr.user_id = m.user_id
  left join public.paper_access a on a.paper_id = p.id and a.user_id = m.user_id
  where p.id = p_paper
    and public.paper_access_of(p_paper) is not null
    and (m.role = 'office' or (p.created_by = m.user_id and m.role <> 'guest') or a.access is not null
      or (p.visibility = 'board' and m.role <> 'guest'))
  order by pr.display_name
$$;

-- Grants and policies ---------------------------------------------------------------------------------------

-- The old reservation let a caller move the chain's head without an entry: the append above replaces it.
drop function public.decision_reserve(uuid, integer, boolean, text, text);

revoke all on function public.decision_canonical_json(jsonb), public.decision_entry_hash(public.decision_entries),
  public.decision_append_entry(public.decision_entries), public.decision_clean_vote(jsonb), public.decision_may_record(uuid),
  public.decision_check_links(public.decision_entries), public.vote_accepts_voter(uuid, uuid, uuid)
  from public, anon, authenticated, service_role;
revoke all on function public.decision_record(uuid, jsonb), public.decision_revise(uuid, text, uuid, text, jsonb),
  public.decision_from_minutes(uuid, uuid), public.close_circular_vote(uuid),
  public.record_meeting_vote(uuid, jsonb, integer, integer, integer) from public, anon;
grant execute on function public.decision_record(uuid, jsonb), public.decision_revise(uuid, text, uuid, text, jsonb),
  public.decision_from_minutes(uuid, uuid), public.close_circular_vote(uuid) to authenticated, service_role;
grant execute on function public.record_meeting_vote(uuid, jsonb, integer, integer, integer) to authenticated;
-- Used by the policy below (evaluated as the caller).
grant execute on function public.vote_accepts_voter(uuid, uuid, uuid) to authenticated;

-- The decision log: read under RLS, written only by the functions above.
drop policy decision_entries_insert on public.decision_entries;
revoke insert on public.decision_entries from authenticated, service_role;

-- Votes: a circular vote is opened with its rules only; results, status and closing are the functions'.
drop policy votes_update on public.votes;
revoke insert, update on public.votes from authenticated;
grant insert (board_id, kind, meeting_id, item_id, motion, secret, majority, min_participation, discussion_threshold, deadline, created_by)
  on public.votes to authenticated;
drop policy votes_insert on public.votes;
create policy votes_insert on public.votes for insert to authenticated
  with check (kind = 'circular' and meeting_id is null and item_id is null
    and public.has_board_role(board_id, '{office,chair,deputy}'));

revoke insert on public.vote_voters from authenticated;
grant insert (vote_id, user_id, board_id, excluded) on public.vote_voters to authenticated;
drop policy vote_voters_insert on public.vote_voters;
create policy vote_voters_insert on public.vote_voters for insert to authenticated
  with check (public.has_board_role(board_id, '{office,chair,deputy}') and not excluded
    and public.vote_accepts_voter(vote_id, board_id, user_id));

-- Participation and choices: written by cast_vote and record_meeting_vote only. Who took part in a
-- secret vote is one's own business; office and chair see it for named votes.
drop policy vote_participation_insert on public.vote_participation;
drop policy vote_choices_insert on public.vote_choices;
revoke insert on public.vote_participation, public.vote_choices from authenticated;
drop policy vote_participation_select on public.vote_participation;
create policy vote_participation_select on public.vote_participation for select to authenticated
  using (user_id = (select auth.uid())
    or (public.has_board_role(board_id, '{office,chair,deputy}')
        and exists (select 1 from public.votes v where v.id = vote_participation.vote_id and not v.secret)));
