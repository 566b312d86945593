-- Co-editing touches papers.updated_at/updated_by with every group commit (several times a second while people
-- type). Three things made that touch cost as much as re-indexing the whole paper (bench/collab/README.md):
--
-- 1. papers.search_vector was a generated column. PostgreSQL recomputes every stored generated column on an
--    UPDATE of a table with BEFORE UPDATE row triggers (a trigger could change the columns it depends on), and
--    papers has four: each touch ran to_tsvector over up to 200,000 characters of search_text (~20 ms for a
--    long paper). The vector is now an ordinary column that one trigger keeps current: computed on insert and
--    when the title or the search text changes, else kept as it was (a person's write cannot set it either).
-- 2. The audit trigger turned both rows into jsonb (search text and vector included) to find that only
--    updated_at/updated_by changed and then wrote nothing. It now asks that first, on the rows themselves.
-- 3. papers_board_idx included updated_at, so no touch could be a HOT update: each one added an entry to every
--    index of the table, to the GIN index for every word of the paper. The board's lists check each row's
--    access before they sort, so they took no time from the index order (measured with 3,000 papers).

alter table public.papers alter column search_vector drop expression;

-- Runs after the other BEFORE triggers (alphabetical order): papers_guard_search_text has already decided the
-- search text a person's write may carry.
create function public.papers_search_vector() returns trigger
language plpgsql set search_path = '' as $$
begin
  if tg_op = 'INSERT' or new.title is distinct from old.title or new.search_text is distinct from old.search_text then
    new.search_vector := setweight(to_tsvector('german'::regconfig, new.title), 'A')
      || setweight(to_tsvector('german'::regconfig, new.search_text), 'B');
  elsif current_user in ('authenticated', 'anon') then
    -- A person's write cannot set the vector. System tasks leave it alone: assigning the old value would store
    -- a fresh copy of it (and re-index it) with every co-editing commit.
    new.search_vector := old.search_vector;
  end if;
  return new;
end
$$;
revoke all on function public.papers_search_vector() from public, anon, authenticated;
create trigger papers_search_vector before insert or update on public.papers
  for each row execute function public.papers_search_vector();

-- The same function as 20261125170000_audit.sql with one early return: an update whose rows are equal once
-- updated_at and updated_by are set aside is noise (audit_clean drops those keys, so the full path would record
-- nothing either). jsonb_populate_record overwrites the keys the row has and ignores the others, so this holds
-- for every audited table, with or without those columns.
create or replace function public.audit_row_change() returns trigger
language plpgsql security definer set search_path = '' as $$
declare
  v_old jsonb;
  v_new jsonb;
  v_row jsonb;
  v_drop text[];
  v_before jsonb;
  v_after jsonb;
  v_board uuid;
  v_claims jsonb := nullif(current_setting('request.jwt.claims', true), '')::jsonb;
  v_actor uuid := auth.uid();
  v_touch constant jsonb := '{"updated_at": null, "updated_by": null}';
begin
  if tg_op = 'UPDATE' and jsonb_populate_record(old, v_touch) is not distinct from jsonb_populate_record(new, v_touch) then
    return null;
  end if;
  v_old := case when tg_op in ('UPDATE', 'DELETE') then to_jsonb(old) end;
  v_new := case when tg_op in ('INSERT', 'UPDATE') then to_jsonb(new) end;
  v_row := coalesce(v_new, v_old);
  select coalesce(array_agg(a.attname::text), '{}') into v_drop
    from pg_catalog.pg_attribute a
    where a.attrelid = tg_relid and a.attnum > 0 and not a.attisdropped
      and a.atttypid in ('pg_catalog.bytea'::pg_catalog.regtype, 'pg_catalog.tsvector'::pg_catalog.regtype);
  v_drop := v_drop || coalesce(string_to_array(nullif(tg_argv[2], ''), ','), '{}');
  v_old := public.audit_clean(v_old, v_drop);
  v_new := public.audit_clean(v_new, v_drop);
  if tg_op = 'UPDATE' then
    select jsonb_object_agg(n.key, v_old -> n.key), jsonb_object_agg(n.key, n.value) into v_before, v_after
      from jsonb_each(v_new) n where (v_old -> n.key) is distinct from n.value;
    if v_after is null then
      return null;
    end if;
  else
    v_before := v_old;
    v_after := v_new;
  end if;
  v_board := public.audit_board_of(v_row, tg_argv[0]);
  if v_board is null or (tg_table_name <> 'boards' and not exists (select 1 from public.boards b where b.id = v_board)) then
    return null;
  end if;
  insert into public.audit_events
    (board_id, actor_id, actor_kind, actor_task, table_name, operation, row_id, object_label, subject_user_id, before, after)
  values (
    v_board, v_actor, case when v_actor is null then 'system' else 'user' end,
    case when v_actor is null then v_claims ->> 'task' end,
    tg_table_name, lower(tg_op), v_row ->> tg_argv[1], public.audit_label_of(tg_table_name, v_row),
    case when tg_table_name in ('memberships', 'paper_access') then (v_row ->> 'user_id')::uuid end,
    v_before, v_after);
  return null;
end
$$;

-- (3) above.
drop index public.papers_board_idx;
create index papers_board_idx on public.papers (board_id);
