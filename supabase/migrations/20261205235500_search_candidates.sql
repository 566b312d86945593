-- Search within 50 ms for common words on PGlite too (#13). Measured on the 10,000 rows of bench/search:
-- after 20261205160300_search_page, a common word still ranked every match of a kind (`ts_rank` reads each
-- matching vector; a paper's vector is mostly stored out of line, so each one is a TOAST fetch as well) and
-- looked up each matching paper's minutes one by one. Now each kind ranks a bounded candidate set: the 500
-- most recent matches the person may possibly read (by the date the result shows, after the kind and date
-- filters), then the best of those by rank, then recency, as before. A word with at most 500 matches of a
-- kind is ranked exactly as before (every match is a candidate), so a rare word still finds the one old
-- text; for a word with more, an older match outside the 500 most recent of its kind cannot make the page,
-- however well it would rank. Meetings are ranked in full (a board has few). Visibility is decided exactly
-- as in 20261205160300 (the candidate filter is the same necessary condition; the exact check follows).
drop function public.search_hits(uuid, text, text[], date, date, integer);

-- The best `p_limit` hits the caller may read, best first (rank, then recency), with title, quotable text
-- (long texts from their beginning only), ref (meeting of an agenda item or minutes, paper of a comment),
-- decision number and context (meeting title, location or paper title). Ranked per kind among the 500 most
-- recent matches (all of them when there are fewer). Why a function: with RLS on, Postgres may not use an
-- index for a non-leakproof operator such as @@ before the policy, so a plain query under RLS evaluates
-- every policy function on every row of the board; here the GIN index finds the matches first. Dates:
-- inclusive Berlin calendar days. Kinds: empty = all.
create function public.search_hits(p_board uuid, p_query text, p_kinds text[], p_from date, p_to date, p_limit integer)
returns table (kind text, id uuid, rank real, at timestamptz, title text, body text, ref uuid, number text, context text)
language sql stable security definer set search_path = '' as $$
  with me as materialized (
    select public.search_tsquery(p_query) as query, (select auth.uid()) as uid,
      public.has_board_role(p_board, '{office}') as office, public.is_full_member(p_board) as full,
      public.is_platform_admin() as admin, coalesce(cardinality(p_kinds), 0) = 0 as all_kinds
    where public.has_board_role(p_board, '{office,chair,deputy,member,advisor,guest}')
  ),
  -- Meetings a guest was invited to (for full members the whole board is visible anyway).
  invited as materialized (
    select g.meeting_id from me, public.meeting_guests g where not me.full and g.user_id = me.uid
  ),
  hits (kind, id, rank, at) as (
    (select 'meeting', c.id, c.rank, c.at from (
       select m.id, ts_rank(m.search_vector, me.query) as rank, m.starts_at as at, me.full
       from me, public.meetings m
       where (me.all_kinds or 'meeting' = any(p_kinds)) and m.board_id = p_board and m.search_vector @@ me.query
         and (p_from is null or (m.starts_at at time zone 'Europe/Berlin')::date >= p_from)
         and (p_to is null or (m.starts_at at time zone 'Europe/Berlin')::date <= p_to)
       order by 2 desc, 3 desc offset 0) c
     where case when c.full then true else public.can_see_meeting(c.id) or public.is_platform_admin() end
     limit p_limit)
    union all
    (select 'agenda_item', c.id, c.rank, c.at from (
       select c.id, c.meeting_id, c.is_public, ts_rank(c.search_vector, me.query) as rank, c.at, me.full
       from me, (
         select i.id, i.meeting_id, i.is_public, i.search_vector, m.starts_at as at
         from me, public.agenda_items i join public.meetings m on m.id = i.meeting_id
         where (me.all_kinds or 'agenda_item' = any(p_kinds)) and m.board_id = p_board and i.search_vector @@ me.query
           and (me.full or (i.is_public and i.meeting_id in (select meeting_id from invited)))
           and (p_from is null or (m.starts_at at time zone 'Europe/Berlin')::date >= p_from)
           and (p_to is null or (m.starts_at at time zone 'Europe/Berlin')::date <= p_to)
         order by m.starts_at desc limit 500) c
       order by 4 desc, 5 desc offset 0) c
     where case when c.full then true else public.can_see_agenda_item(c.meeting_id, c.is_public) end
     limit p_limit)
    union all
    (select c.kind, c.id, c.rank, c.at from (
       select c.id, c.kind, ts_rank(c.search_vector, me.query) as rank, c.at, c.sure
       from me, (
         select p.id, p.search_vector, case when mm.starts_at is null then 'paper' else 'minutes' end as kind,
           coalesce(mm.starts_at, p.updated_at) as at,
           -- paper_access_of is not null for sure: the office, or a full member and a board-wide or own paper.
           me.office or (me.full and (p.visibility = 'board' or p.created_by = me.uid)) as sure
         -- A paper that is minutes shows as such, dated by its meeting.
         from me, public.papers p
         left join lateral (select m.starts_at from public.minutes mi join public.meetings m on m.id = mi.meeting_id
                            where mi.paper_id = p.id) mm on true
         where p.board_id = p_board and p.search_vector @@ me.query
           -- Otherwise only a share by name can open it (paper_access_of).
           and (me.office or (me.full and (p.visibility = 'board' or p.created_by = me.uid))
                or exists (select 1 from public.paper_access a where a.paper_id = p.id and a.user_id = me.uid))
           and (me.all_kinds or (case when mm.starts_at is null then 'paper' else 'minutes' end) = any(p_kinds))
           and (p_from is null or (coalesce(mm.starts_at, p.updated_at) at time zone 'Europe/Berlin')::date >= p_from)
           and (p_to is null or (coalesce(mm.starts_at, p.updated_at) at time zone 'Europe/Berlin')::date <= p_to)
         order by 4 desc limit 500) c
       order by 3 desc, 4 desc offset 0) c
     where case when c.sure then true else public.paper_access_of(c.id) is not null end
     limit p_limit)
    union all
    (select 'decision', c.id, c.rank, c.at from (
       select c.id, c.board_id, c.meeting_id, c.is_public, ts_rank(c.search_vector, me.query) as rank, c.at, me.full
       from me, (
         select d.id, d.board_id, d.meeting_id, d.is_public, d.search_vector, d.recorded_at as at
         from me, public.decision_entries d
         where (me.all_kinds or 'decision' = any(p_kinds)) and d.board_id = p_board and d.search_vector @@ me.query
           and (me.full or me.admin or (d.is_public and d.meeting_id in (select meeting_id from invited)))
           and (p_from is null or (d.recorded_at at time zone 'Europe/Berlin')::date >= p_from)
           and (p_to is null or (d.recorded_at at time zone 'Europe/Berlin')::date <= p_to)
           -- Only a decision's newest revision (the log keeps every revision as its own row).
           and not exists (select 1 from public.decision_entries later
                           where later.board_id = d.board_id and later.number = d.number and later.revision > d.revision)
         order by d.recorded_at desc limit 500) c
       order by 5 desc, 6 desc offset 0) c
     where case when c.full then true else public.can_see_decision(c.board_id, c.meeting_id, c.is_public) end
     limit p_limit)
    union all
    (select 'comment', c.id, c.rank, c.at from (
       select c.id, c.paper_id, ts_rank(c.search_vector, me.query) as rank, c.at, c.sure
       from me, (
         select k.id, k.search_vector, t.paper_id, k.created_at as at,
           me.office or (me.full and (p.visibility = 'board' or p.created_by = me.uid)) as sure
         from me, public.comments k
         join public.comment_threads t on t.id = k.thread_id
         join public.papers p on p.id = t.paper_id
         where (me.all_kinds or 'comment' = any(p_kinds)) and p.board_id = p_board and k.search_vector @@ me.query
           and (me.office or (me.full and (p.visibility = 'board' or p.created_by = me.uid))
                or exists (select 1 from public.paper_access a where a.paper_id = p.id and a.user_id = me.uid))
           and (p_from is null or (k.created_at at time zone 'Europe/Berlin')::date >= p_from)
           and (p_to is null or (k.created_at at time zone 'Europe/Berlin')::date <= p_to)
         order by k.created_at desc limit 500) c
       order by 3 desc, 4 desc offset 0) c
     where case when c.sure then true else public.paper_access_of(c.paper_id) is not null end
     limit p_limit)
  ),
  top as materialized (select * from hits h order by h.rank desc, h.at desc limit p_limit)
  -- The page's texts, read by id. Minutes name their meeting only for full members (the minutes policy).
  select t.kind, t.id, t.rank, t.at, m.title, m.description, null::uuid, null::text, m.location
  from top t join public.meetings m on t.kind = 'meeting' and m.id = t.id
  union all
  select t.kind, t.id, t.rank, t.at, i.title, i.description, m.id, null, m.title
  from top t join public.agenda_items i on t.kind = 'agenda_item' and i.id = t.id join public.meetings m on m.id = i.meeting_id
  union all
  select t.kind, t.id, t.rank, t.at, p.title, left(p.search_text, 20000), mm.id, null, mm.title
  from top t join public.papers p on t.kind in ('paper', 'minutes') and p.id = t.id
  left join (public.minutes mi join public.meetings mm on mm.id = mi.meeting_id) on mi.paper_id = p.id and (select me.full from me)
  union all
  select t.kind, t.id, t.rank, t.at, d.title, d.resolution, null, d.number, null
  from top t join public.decision_entries d on t.kind = 'decision' and d.id = t.id
  union all
  select t.kind, t.id, t.rank, t.at, p.title, k.body, p.id, null, p.title
  from top t join public.comments k on t.kind = 'comment' and k.id = t.id
  join public.comment_threads th on th.id = k.thread_id join public.papers p on p.id = th.paper_id
$$;

revoke all on function public.search_hits(uuid, text, text[], date, date, integer) from public, anon;
grant execute on function public.search_hits(uuid, text, text[], date, date, integer) to authenticated, service_role;
