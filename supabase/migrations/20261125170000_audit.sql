-- Audit trail: every change to the board's records is written by database triggers, so no code path
-- can forget to log. Entries are append-only, keep user ids only (names are resolved at read time,
-- so a removed person shows as "former member"), never copy binary/search columns, secrets or
-- e-mail addresses, and never touch the vote tables that hold individual choices.

create table public.audit_events (
  id bigint generated always as identity primary key,
  -- No foreign keys: entries outlive boards, rows and accounts.
  board_id uuid,
  actor_id uuid,
  -- 'user' (auth.uid() was set) or 'system' (service_role tasks, migrations, maintenance).
  actor_kind text not null check (actor_kind in ('user', 'system')),
  -- The named system task (claims.task of withSystem), when there is one.
  actor_task text,
  occurred_at timestamptz not null default now(),
  table_name text not null,
  operation text not null check (operation in ('insert', 'update', 'delete')),
  row_id text,
  -- Title/name of the object at the time of the change, for display and the free-text filter.
  object_label text,
  -- The person a row is about (membership, named paper access), resolved to a name at read time.
  subject_user_id uuid,
  before jsonb,
  after jsonb
);
create index audit_events_board_idx on public.audit_events (board_id, id desc);
create index audit_events_board_table_idx on public.audit_events (board_id, table_name, id desc);
create index audit_events_actor_idx on public.audit_events (actor_id, id desc);
create index audit_events_subject_idx on public.audit_events (subject_user_id);
create index audit_events_occurred_idx on public.audit_events (occurred_at);

-- Append-only even for the owner: no escape hatch (unlike the decision log), names are pseudonymised
-- at read time instead of rewriting entries.
create function public.audit_events_refuse_change() returns trigger
language plpgsql set search_path = '' as $$
begin
  raise exception 'audit trail is append-only (% refused)', tg_op using errcode = '42501';
end
$$;
create trigger audit_events_append_only before update or delete on public.audit_events
  for each row execute function public.audit_events_refuse_change();
create trigger audit_events_no_truncate before truncate on public.audit_events
  for each statement execute function public.audit_events_refuse_change();

-- A row as jsonb without what must not be copied: listed columns, noise (updated_at/updated_by,
-- the agenda's changed_at, the iCalendar sequence), search columns, secrets, hashes and e-mail
-- addresses; long texts are cut and large json values replaced, so entries stay small.
create function public.audit_clean(p_row jsonb, p_drop text[]) returns jsonb
language sql immutable set search_path = '' as $$
  select case when p_row is null then null else coalesce((
    select jsonb_object_agg(e.key, case
      when jsonb_typeof(e.value) = 'string' and length(e.value #>> '{}') > 500
        then to_jsonb(left(e.value #>> '{}', 500) || '…')
      when jsonb_typeof(e.value) in ('object', 'array') and length(e.value::text) > 2000 then to_jsonb('…'::text)
      else e.value end)
    from jsonb_each(p_row) e
    where not (e.key = any (p_drop))
      and e.key !~ '^(updated_at|updated_by|changed_at|sequence|search|search_.*|.*_search|.*tsv.*|fts|.*token.*|.*password.*|.*_hash|hash|email|.*_email|encrypted_.*)$'
  ), '{}'::jsonb) end
$$;

-- The board of a changed row. Trigger argument: a column holding the board id, or
-- 'meeting:<column>' / 'paper:<column>' / 'file:<column>' for rows that belong to a meeting or a paper.
create function public.audit_board_of(p_row jsonb, p_source text) returns uuid
language plpgsql stable security definer set search_path = '' as $$
declare
  v_ref uuid;
begin
  if p_source like 'meeting:%' then
    v_ref := (p_row ->> substr(p_source, 9))::uuid;
    return (select m.board_id from public.meetings m where m.id = v_ref);
  elsif p_source like 'paper:%' then
    v_ref := (p_row ->> substr(p_source, 7))::uuid;
    return (select p.board_id from public.papers p where p.id = v_ref);
  elsif p_source like 'file:%' then
    -- Used only by 20261125176000_audit_files.sql; plpgsql resolves public.files when it runs.
    v_ref := (p_row ->> substr(p_source, 6))::uuid;
    return (select f.board_id from public.files f where f.id = v_ref);
  end if;
  return (p_row ->> p_source)::uuid;
end
$$;

-- What the entry shows as "object": the row's title or name, the decision number, the motion, or
-- the meeting/paper a row belongs to.
create function public.audit_label_of(p_table text, p_row jsonb) returns text
language sql stable security definer set search_path = '' as $$
  select left(case p_table
    when 'decision_entries' then concat_ws(' ', p_row ->> 'number', p_row ->> 'title')
    when 'votes' then p_row ->> 'motion'
    when 'minutes' then (select m.title from public.meetings m where m.id = (p_row ->> 'meeting_id')::uuid)
    when 'paper_access' then (select p.title from public.papers p where p.id = (p_row ->> 'paper_id')::uuid)
    else coalesce(p_row ->> 'title', p_row ->> 'name', p_row ->> 'file_name', p_row ->> 'filename')
  end, 300)
$$;

-- Generic row trigger. Arguments: (1) where the board id comes from (see audit_board_of), (2) the
-- row's id column, (3) extra comma-separated columns never to copy. Updates keep only the changed
-- columns; an update that changed nothing but noise is not recorded. A row whose board or parent
-- is already gone (a cascade of a logged delete) is not recorded either: the parent's entry covers it.
create function public.audit_row_change() returns trigger
language plpgsql security definer set search_path = '' as $$
declare
  v_old jsonb := case when tg_op in ('UPDATE', 'DELETE') then to_jsonb(old) end;
  v_new jsonb := case when tg_op in ('INSERT', 'UPDATE') then to_jsonb(new) end;
  v_row jsonb := coalesce(v_new, v_old);
  v_drop text[];
  v_before jsonb;
  v_after jsonb;
  v_board uuid;
  v_claims jsonb := nullif(current_setting('request.jwt.claims', true), '')::jsonb;
  v_actor uuid := auth.uid();
begin
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

create trigger audit_row_change after insert or update or delete on public.boards
  for each row execute function public.audit_row_change('id', 'id', '');
create trigger audit_row_change after insert or update or delete on public.meetings
  for each row execute function public.audit_row_change('board_id', 'id', '');
create trigger audit_row_change after insert or update or delete on public.agenda_items
  for each row execute function public.audit_row_change('meeting:meeting_id', 'id', '');
create trigger audit_row_change after insert or update or delete on public.papers
  for each row execute function public.audit_row_change('board_id', 'id', '');
create trigger audit_row_change after insert or update or delete on public.paper_access
  for each row execute function public.audit_row_change('paper:paper_id', 'paper_id', '');
create trigger audit_row_change after insert or update or delete on public.minutes
  for each row execute function public.audit_row_change('board_id', 'id', 'final_json,final_text');
create trigger audit_row_change after insert or update or delete on public.decision_entries
  for each row execute function public.audit_row_change('board_id', 'id', 'resolution,prev_hash');
-- Only the vote itself (motion, rules, status, totals): vote_choices, vote_ballots and
-- vote_participation are deliberately not audited, so no entry ever says who voted what.
create trigger audit_row_change after insert or update or delete on public.votes
  for each row execute function public.audit_row_change('board_id', 'id', 'reminder_sent_at');
create trigger audit_row_change after insert or update or delete on public.memberships
  for each row execute function public.audit_row_change('board_id', 'id', '');
create trigger audit_row_change after insert or update or delete on public.invitations
  for each row execute function public.audit_row_change('board_id', 'id', '');

-- Names for the people an office (or admin) finds in its audit entries. Security definer so a
-- person who left the board keeps their name while their account exists; a removed person (the
-- DSGVO removal deletes the profile or marks it `removed_at`, 20261125175000_personal_data.sql) gets
-- no name and shows as "former member". `removed_at` is read through jsonb so this function does not
-- depend on that later migration.
create function public.audit_person_names(p_ids uuid[]) returns table (user_id uuid, display_name text)
language sql stable security definer set search_path = '' as $$
  select p.user_id, case when to_jsonb(p) ->> 'removed_at' is null then p.display_name end
  from public.profiles p
  where p.user_id = any (p_ids)
    and ((select public.is_platform_admin())
      or public.shares_board_with(p.user_id)
      or exists (
        select 1 from public.audit_events e
        where (e.actor_id = p.user_id or e.subject_user_id = p.user_id)
          and public.has_board_role(e.board_id, '{office}')
      ))
$$;

revoke all on function public.audit_row_change(), public.audit_events_refuse_change(), public.audit_clean(jsonb, text[]),
  public.audit_board_of(jsonb, text), public.audit_label_of(text, jsonb), public.audit_person_names(uuid[]) from public, anon;
grant execute on function public.audit_person_names(uuid[]) to authenticated, service_role;

revoke all on public.audit_events from public, anon, authenticated, service_role;
grant select on public.audit_events to authenticated, service_role;

alter table public.audit_events enable row level security;

create policy audit_events_select on public.audit_events for select to authenticated
  using (public.has_board_role(board_id, '{office}') or (select public.is_platform_admin()));
