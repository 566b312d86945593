-- Full-text search (German): one stored tsvector per searchable table, GIN-indexed, so the search
-- query under RLS only ranks rows the index already matched. Weights: title A, body B, side facts C.
-- Generated columns keep the vectors current with every write; a paper's text lives in its
-- collaboration document, so the app copies it into papers.search_text (system task 'search-index').

-- Papers (minutes are papers too): title plus the current plain text of the document.
alter table public.papers
  add column search_text text not null default '' check (char_length(search_text) <= 200000),
  -- When search_text was last taken from the document; null = never (the start-up backfill picks it up).
  add column search_text_at timestamptz;
alter table public.papers
  add column search_vector tsvector generated always as (
    setweight(to_tsvector('german'::regconfig, title), 'A')
    || setweight(to_tsvector('german'::regconfig, search_text), 'B')
  ) stored;
create index papers_search_idx on public.papers using gin (search_vector);
create index papers_search_text_at_idx on public.papers (search_text_at);

-- Only the indexer (service_role, no user id) writes the search text: people edit the document, not this copy.
create function public.papers_guard_search_text() returns trigger
language plpgsql security definer set search_path = '' as $$
begin
  if (select auth.uid()) is null then
    return new;
  end if;
  if tg_op = 'INSERT' then
    new.search_text := '';
    new.search_text_at := null;
  else
    new.search_text := old.search_text;
    new.search_text_at := old.search_text_at;
  end if;
  return new;
end
$$;
revoke all on function public.papers_guard_search_text() from public, anon, authenticated;
create trigger papers_guard_search_text before insert or update on public.papers
  for each row execute function public.papers_guard_search_text();

alter table public.meetings
  add column search_vector tsvector generated always as (
    setweight(to_tsvector('german'::regconfig, title), 'A')
    || setweight(to_tsvector('german'::regconfig, description), 'B')
    || setweight(to_tsvector('german'::regconfig, coalesce(location, '')), 'C')
  ) stored;
create index meetings_search_idx on public.meetings using gin (search_vector);

alter table public.agenda_items
  add column search_vector tsvector generated always as (
    setweight(to_tsvector('german'::regconfig, title), 'A')
    || setweight(to_tsvector('german'::regconfig, description), 'B')
    || setweight(to_tsvector('german'::regconfig, coalesce(presenter_text, '')), 'C')
  ) stored;
create index agenda_items_search_idx on public.agenda_items using gin (search_vector);

-- Decisions: the number ("2026/07") and title rank like a title.
alter table public.decision_entries
  add column search_vector tsvector generated always as (
    setweight(to_tsvector('german'::regconfig, number || ' ' || title), 'A')
    || setweight(to_tsvector('german'::regconfig, resolution), 'B')
    || setweight(to_tsvector('german'::regconfig, coalesce(responsible, '')), 'C')
  ) stored;
create index decision_entries_search_idx on public.decision_entries using gin (search_vector);

alter table public.comments
  add column search_vector tsvector generated always as (
    setweight(to_tsvector('german'::regconfig, body), 'B')
  ) stored;
create index comments_search_idx on public.comments using gin (search_vector);

-- The person's words as a tsquery: websearch syntax ("phrase", OR, -word), German stemming, and every stem of
-- five or more letters also as a prefix, so "Logistik" finds "Logistikflächen" (German compounds) while short
-- stems ("haf" from "Hafen") stay exact instead of matching "Haftung".
create function public.search_tsquery(p_text text) returns tsquery
language sql immutable parallel safe set search_path = '' as $$
  -- A lexeme is a quoted token (quotes inside doubled) at a token boundary, never the text between two lexemes.
  select regexp_replace(websearch_to_tsquery('german'::regconfig, p_text)::text,
    '(^|[ (!])''((?:[^'']|''''){5,})''(?=$|[ ):])', '\1''\2'':*', 'g')::tsquery
$$;
revoke all on function public.search_tsquery(text) from public, anon;
grant execute on function public.search_tsquery(text) to authenticated, service_role;

-- The best `p_limit` hits per kind that the caller may read, best first. Why a function: with RLS on,
-- Postgres may not use an index for a non-leakproof operator such as @@ before the policy, so a plain
-- query under RLS evaluates every policy function on every row of the board. Here the GIN index finds the
-- matches first, they are ranked, and the same visibility functions the select policies use are called
-- lazily in rank order until enough visible rows are found. The app then reads those rows again under
-- RLS (the policies stay the gate); called directly, the function returns only ids the caller may see.
-- Dates: inclusive Berlin calendar days. Kinds: empty = all.
create function public.search_hits(p_board uuid, p_query text, p_kinds text[], p_from date, p_to date, p_limit integer)
returns table (kind text, id uuid, rank real, at timestamptz)
language sql stable security definer set search_path = '' as $$
  with q as (
    select public.search_tsquery(p_query) as query
    where public.has_board_role(p_board, '{office,chair,deputy,member,advisor,guest}')
  )
  (select 'meeting', c.id, c.rank, c.at from (
     select m.id, ts_rank(m.search_vector, q.query) as rank, m.starts_at as at
     from q, public.meetings m
     where (coalesce(cardinality(p_kinds), 0) = 0 or 'meeting' = any(p_kinds)) and m.board_id = p_board and m.search_vector @@ q.query
     order by 2 desc, 3 desc offset 0) c
   where (p_from is null or (c.at at time zone 'Europe/Berlin')::date >= p_from) and (p_to is null or (c.at at time zone 'Europe/Berlin')::date <= p_to)
     and (public.can_see_meeting(c.id) or public.is_platform_admin())
   limit p_limit)
  union all
  (select 'agenda_item', c.id, c.rank, c.at from (
     select i.id, i.meeting_id, i.is_public, ts_rank(i.search_vector, q.query) as rank, m.starts_at as at
     from q, public.agenda_items i join public.meetings m on m.id = i.meeting_id
     where (coalesce(cardinality(p_kinds), 0) = 0 or 'agenda_item' = any(p_kinds)) and m.board_id = p_board and i.search_vector @@ q.query
     order by 4 desc, 5 desc offset 0) c
   where (p_from is null or (c.at at time zone 'Europe/Berlin')::date >= p_from) and (p_to is null or (c.at at time zone 'Europe/Berlin')::date <= p_to)
     and public.can_see_agenda_item(c.meeting_id, c.is_public)
   limit p_limit)
  union all
  (select c.kind, c.id, c.rank, c.at from (
     select p.id, case when mm.starts_at is null then 'paper' else 'minutes' end as kind,
       ts_rank(p.search_vector, q.query) as rank, coalesce(mm.starts_at, p.updated_at) as at
     from q, public.papers p
     left join lateral (select m.starts_at from public.minutes mi join public.meetings m on m.id = mi.meeting_id
                        where mi.paper_id = p.id) mm on true
     where p.board_id = p_board and p.search_vector @@ q.query
     order by 3 desc, 4 desc offset 0) c
   where (coalesce(cardinality(p_kinds), 0) = 0 or c.kind = any(p_kinds))
     and (p_from is null or (c.at at time zone 'Europe/Berlin')::date >= p_from) and (p_to is null or (c.at at time zone 'Europe/Berlin')::date <= p_to)
     and public.paper_access_of(c.id) is not null
   limit p_limit)
  union all
  (select 'decision', c.id, c.rank, c.at from (
     select d.id, d.board_id, d.meeting_id, d.is_public, ts_rank(d.search_vector, q.query) as rank, d.recorded_at as at
     from q, public.decision_entries d
     where (coalesce(cardinality(p_kinds), 0) = 0 or 'decision' = any(p_kinds)) and d.board_id = p_board and d.search_vector @@ q.query
       -- Only a decision's newest revision (the log keeps every revision as its own row).
       and not exists (select 1 from public.decision_entries later
                       where later.board_id = d.board_id and later.number = d.number and later.revision > d.revision)
     order by 5 desc, 6 desc offset 0) c
   where (p_from is null or (c.at at time zone 'Europe/Berlin')::date >= p_from) and (p_to is null or (c.at at time zone 'Europe/Berlin')::date <= p_to)
     and public.can_see_decision(c.board_id, c.meeting_id, c.is_public)
   limit p_limit)
  union all
  (select 'comment', c.id, c.rank, c.at from (
     select k.id, t.paper_id, ts_rank(k.search_vector, q.query) as rank, k.created_at as at
     from q, public.comments k
     join public.comment_threads t on t.id = k.thread_id
     join public.papers p on p.id = t.paper_id
     where (coalesce(cardinality(p_kinds), 0) = 0 or 'comment' = any(p_kinds)) and p.board_id = p_board and k.search_vector @@ q.query
     order by 3 desc, 4 desc offset 0) c
   where (p_from is null or (c.at at time zone 'Europe/Berlin')::date >= p_from) and (p_to is null or (c.at at time zone 'Europe/Berlin')::date <= p_to)
     and public.paper_access_of(c.paper_id) is not null
   limit p_limit)
$$;

revoke all on function public.search_hits(uuid, text, text[], date, date, integer) from public, anon;
grant execute on function public.search_hits(uuid, text, text[], date, date, integer) to authenticated, service_role;
