-- The record: every creating form carries a one-time token (a UUID made when the page renders) that is
-- stored with the row it created under a unique index. A repeated submit (double click, a resent POST)
-- finds the row instead of making a twin: repositories insert `on conflict (form_token) do nothing` and
-- read the existing row back; side effects (mails, notifications) run only for a new row.
-- Null for rows written by code without a form (seed, jobs, imports): nulls never conflict.

alter table public.meetings add column form_token uuid;
create unique index meetings_form_token_key on public.meetings (form_token);
alter table public.papers add column form_token uuid;
create unique index papers_form_token_key on public.papers (form_token);
alter table public.agenda_items add column form_token uuid;
create unique index agenda_items_form_token_key on public.agenda_items (form_token);
alter table public.polls add column form_token uuid;
create unique index polls_form_token_key on public.polls (form_token);
alter table public.tasks add column form_token uuid;
create unique index tasks_form_token_key on public.tasks (form_token);
alter table public.votes add column form_token uuid;
create unique index votes_form_token_key on public.votes (form_token);
alter table public.comment_threads add column form_token uuid;
create unique index comment_threads_form_token_key on public.comment_threads (form_token);
alter table public.comments add column form_token uuid;
create unique index comments_form_token_key on public.comments (form_token);
alter table public.decision_entries add column form_token uuid;
create unique index decision_entries_form_token_key on public.decision_entries (form_token);

-- Votes are inserted with a column list of their own (20261205120000): the token joins it, and the id,
-- which the app now makes itself to find out whether its insert or an earlier one wrote the row.
grant insert (id, form_token) on public.votes to authenticated;

-- The one writer of the log, unchanged but for storing the entry's form token: only a new decision
-- (no number yet) keeps it; a revision is built from the latest entry and must not copy that entry's token.
create or replace function public.decision_append_entry(p public.decision_entries) returns public.decision_entries
language plpgsql volatile security definer set search_path = '' as $$
declare
  v_head bigint;
  v_at timestamptz := date_trunc('milliseconds', now());
  v_existing public.decision_entries;
begin
  if p.number is not null then
    p.form_token := null;
  end if;
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
    due_date, paper_ids, source, source_id, is_public, recorded_by, recorded_at, prev_hash, hash, form_token)
  values (p.id, p.board_id, p.seq, p.year, p.number_in_year, p.number, p.revision, p.previous_id, p.change,
    p.title, p.resolution, p.meeting_id, p.agenda_item_id, p.kind, p.vote_result, p.status, p.superseded_by, p.supersedes,
    p.responsible, p.due_date, p.paper_ids, p.source, p.source_id, p.is_public, p.recorded_by, p.recorded_at, p.prev_hash, p.hash,
    p.form_token);
  return p;
end
$$;

-- The entry already written for this form token or (meeting decisions) source id, under the board's head
-- lock so a concurrent twin waits for the first and then finds it. A token from another board is refused.
create function public.decision_written_before(p_board uuid, p_form_token uuid, p_source text, p_source_id text)
returns public.decision_entries
language plpgsql volatile security definer set search_path = '' as $$
declare
  v_existing public.decision_entries;
begin
  insert into public.decision_heads (board_id) values (p_board) on conflict do nothing;
  perform 1 from public.decision_heads h where h.board_id = p_board for update;
  if p_form_token is not null then
    select * into v_existing from public.decision_entries d where d.form_token = p_form_token;
    if v_existing.id is not null and v_existing.board_id is distinct from p_board then
      raise exception 'form token already used' using errcode = '23505';
    end if;
  end if;
  if v_existing.id is null and p_source_id is not null then
    select * into v_existing from public.decision_entries d
      where d.board_id = p_board and d.source = p_source and d.source_id = p_source_id;
  end if;
  return v_existing;
end
$$;
revoke all on function public.decision_written_before(uuid, uuid, text, text) from public, anon, authenticated, service_role;

-- decision_record with the form token: the same checks as before; `created` is false when the token (or
-- the meeting item) already has its entry, which is returned instead of a second one.
drop function public.decision_record(uuid, jsonb);
create function public.decision_record(p_board uuid, p_entry jsonb, p_form_token uuid default null)
returns table (decision_id uuid, decision_number text, created boolean)
language plpgsql volatile security definer set search_path = '' as $$
declare
  e public.decision_entries;
  v_meeting uuid;
  v_before public.decision_entries;
begin
  if not public.decision_may_record(p_board) then
    raise exception 'not allowed to record decisions' using errcode = '42501';
  end if;
  v_before := public.decision_written_before(p_board, p_form_token, p_entry ->> 'source', p_entry ->> 'sourceId');
  if v_before.id is not null then
    return query select v_before.id, v_before.number, false;
    return;
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
  e.form_token := p_form_token;
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
  return query select e.id, e.number, true;
end
$$;
revoke all on function public.decision_record(uuid, jsonb, uuid) from public, anon;
grant execute on function public.decision_record(uuid, jsonb, uuid) to authenticated, service_role;
