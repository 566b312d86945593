-- A circular resolution has its own title and decision kind (recommendation to the council, resolution,
-- position: the decision log's kinds) besides the motion text; both carry into the log entry when the
-- vote is adopted. Votes without a title (older ones, meeting votes) keep the first line of the motion.
alter table public.votes add column title text check (title is null or char_length(title) between 1 and 200);
alter table public.votes add column decision_kind text not null default 'resolution'
  check (decision_kind in ('resolution', 'recommendation', 'position'));
-- Opening a vote names them too (the insert column list of 20261205120000).
grant insert (title, decision_kind) on public.votes to authenticated;

-- As in 20261205120000, but the entry takes the vote's title and decision kind.
create or replace function public.close_circular_vote(p_vote uuid)
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
    e.title := coalesce(nullif(btrim(v.title, E' \t\r\n'), ''), btrim(left(split_part(v.motion, E'\n', 1), 200), E' \t\r\n'));
    e.resolution := btrim(v.motion, E' \t\r\n');
    e.kind := v.decision_kind;
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
