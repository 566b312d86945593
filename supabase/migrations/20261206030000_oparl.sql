-- OParl 1.1 (#14): what the read-only interface /oparl/v1 needs beyond 20261206020000_publication.sql.
--
-- 1. The board's term (OParl LegislativeTerm): three columns on boards, readable by anon on public boards.
-- 2. Consultations (a published paper on a public agenda item): agenda_item_papers readable by anon for
--    exactly those pairs.
-- 3. A registry of every object that has ever been public (public.oparl_objects). OParl must not simply
--    drop an object: what stops being public (a withdrawn decision, an unpublished paper, a cancelled
--    meeting, an item made non-public or deleted, a deleted file, an unlisted person, a board switched off)
--    stays at its address with `deleted: true`. The registry keeps the id, type, first publication and the
--    time of the last public change; nothing else. It is written only by oparl_sync (security definer), run
--    once per touched board at the commit of a transaction that changed something the public sees.
--    A row exists only for an object that was public, so anon may read the whole registry: it tells nobody
--    more than the public pages once did. The API reads live objects from their own tables (under the anon
--    policies) and only tombstones (deleted_at set) from here.

-- The board's term --------------------------------------------------------------------------------

alter table public.boards
  add column term_name text check (char_length(term_name) between 1 and 200),
  add column term_starts_on date,
  add column term_ends_on date,
  add constraint boards_term_dates check (term_ends_on is null or term_starts_on is null or term_ends_on >= term_starts_on);

grant select (term_name, term_starts_on, term_ends_on) on public.boards to anon;

-- Helpers (PL/pgSQL security definer like every policy helper, see 20261206010000_policy_helpers_plpgsql) --

-- A paper the public sees: published on a public board.
create function public.is_published_paper(p_paper uuid) returns boolean
language plpgsql stable security definer set search_path = '' as $$
begin
  return (
    select exists (
      select 1 from public.papers p join public.boards b on b.id = p.board_id
      where p.id = p_paper and p.published_at is not null and b.is_public
    )
  );
end
$$;

-- An agenda item the public sees: public, of a public meeting.
create function public.is_public_agenda_item(p_item uuid) returns boolean
language plpgsql stable security definer set search_path = '' as $$
begin
  return (
    select exists (
      select 1 from public.agenda_items i
      where i.id = p_item and i.is_public and public.is_public_meeting(i.meeting_id)
    )
  );
end
$$;

revoke all on function public.is_published_paper(uuid), public.is_public_agenda_item(uuid) from public, anon;
grant execute on function public.is_published_paper(uuid), public.is_public_agenda_item(uuid)
  to anon, authenticated, service_role;

-- Consultations ------------------------------------------------------------------------------------

grant select (item_id, paper_id, meeting_id, created_at) on public.agenda_item_papers to anon;
create policy agenda_item_papers_select_public on public.agenda_item_papers for select to anon
  using (public.is_public_agenda_item(item_id) and public.is_published_paper(paper_id));

-- The consultation's stable id: derived from the pair, which is the row's key.
create function public.oparl_consultation_id(p_item uuid, p_paper uuid) returns uuid
language sql immutable set search_path = '' as $$
  select md5(p_item::text || '/' || p_paper::text)::uuid
$$;
grant execute on function public.oparl_consultation_id(uuid, uuid) to anon, authenticated, service_role;

-- The registry ------------------------------------------------------------------------------------

create table public.oparl_objects (
  object_type text not null check (object_type in ('organization', 'legislativeterm', 'person', 'membership',
    'meeting', 'location', 'agendaitem', 'consultation', 'paper', 'file')),
  object_id uuid not null,
  -- The board the object belongs to; null for people, who belong to the body (the city) and may sit on
  -- several boards. No foreign key: a tombstone outlives its row.
  board_id uuid,
  -- When the object first became public (OParl `created`).
  created timestamptz not null,
  -- When its public representation last changed, or when it stopped being public (OParl `modified`).
  changed_at timestamptz not null,
  -- Set while the object is not public (OParl `deleted: true`); cleared when it is public again.
  deleted_at timestamptz,
  -- md5 of the public fields, to notice a change of the public representation.
  fingerprint text not null,
  primary key (object_type, object_id)
);
create index oparl_objects_board_idx on public.oparl_objects (board_id, object_type);
create index oparl_objects_deleted_idx on public.oparl_objects (object_type, object_id) where deleted_at is not null;

alter table public.oparl_objects enable row level security;
revoke all on public.oparl_objects from public, anon, authenticated, service_role;
grant select (object_type, object_id, board_id, created, changed_at, deleted_at) on public.oparl_objects to anon;
grant select on public.oparl_objects to service_role;

-- Only ever-public objects are in the registry (oparl_sync writes nothing else), so the public may read it all.
create policy oparl_objects_select_public on public.oparl_objects for select to anon using (true);

-- Everything of one board that is public right now, with its public fields' fingerprint. The same subset as
-- the anon policies of 20261206020000_publication.sql (tests/integration/oparl-demo.test.ts compares them).
create function public.oparl_public_objects(p_board uuid)
returns table (object_type text, object_id uuid, created timestamptz, fingerprint text)
language plpgsql stable security definer set search_path = '' as $$
begin
  if not public.board_is_public(p_board) then
    return;
  end if;
  return query
  select 'organization', b.id, b.created_at, md5(concat_ws('|', b.name, b.slug))
    from public.boards b where b.id = p_board
  union all
  select 'legislativeterm', b.id, b.created_at, md5(concat_ws('|', b.term_name, b.term_starts_on, b.term_ends_on))
    from public.boards b where b.id = p_board and b.term_name is not null
  union all
  select 'membership', ms.id, coalesce(ms.joined_at, b.created_at),
         md5(concat_ws('|', ms.role, ms.organisation, ms."function"))
    from public.memberships ms join public.boards b on b.id = ms.board_id
    where ms.board_id = p_board and ms.active and ms.role <> 'guest' and public.person_listed(ms.user_id)
  union all
  select 'meeting', m.id, m.created_at,
         md5(concat_ws('|', m.title, m.description, extract(epoch from m.starts_at), extract(epoch from m.ends_at),
           m.location, m.status))
    from public.meetings m
    where m.board_id = p_board and m.agenda_published_at is not null and m.status <> 'cancelled'
  union all
  select 'location', m.id, m.created_at, md5(m.location)
    from public.meetings m
    where m.board_id = p_board and m.agenda_published_at is not null and m.status <> 'cancelled'
      and coalesce(btrim(m.location), '') <> ''
  union all
  select 'agendaitem', i.id, i.created_at,
         md5(concat_ws('|', i.title, i.description, i.position, i.is_sub_item, i.kind, i.presenter_text,
           i.planned_minutes, (select string_agg(concat_ws(':', e.number, e.revision, e.status), ',' order by e.number)
                               from public.decision_entries e
                               where e.agenda_item_id = i.id and e.is_public and e.status in ('adopted', 'implemented')
                                 and public.is_published_decision(e.board_id, e.number, e.revision))))
    from public.agenda_items i join public.meetings m on m.id = i.meeting_id
    where m.board_id = p_board and m.agenda_published_at is not null and m.status <> 'cancelled' and i.is_public
  union all
  select 'file', f.id, f.created_at, md5(concat_ws('|', f.name, f.current_version, f.agenda_item_id))
    from public.files f
    where f.board_id = p_board and public.is_public_file(f.board_id, f.agenda_item_id)
  union all
  select 'paper', p.id, p.created_at, md5(concat_ws('|', p.title, p.status, array_to_string(p.tags, ','), p.published_version_id))
    from public.papers p where p.board_id = p_board and p.published_at is not null
  union all
  -- A published paper's PDF is a File too; its id is the published version's.
  select 'file', v.id, v.created_at, md5(concat_ws('|', v.number, v.name))
    from public.papers p join public.paper_versions v on v.id = p.published_version_id
    where p.board_id = p_board and p.published_at is not null
  union all
  select 'consultation', public.oparl_consultation_id(ap.item_id, ap.paper_id), ap.created_at, ''
    from public.agenda_item_papers ap
    join public.meetings m on m.id = ap.meeting_id
    where m.board_id = p_board and public.is_public_agenda_item(ap.item_id) and public.is_published_paper(ap.paper_id);
end
$$;

-- Brings the registry of one board (and of the people on it) up to date with what is public now.
create function public.oparl_sync(p_board uuid) returns void
language plpgsql volatile security definer set search_path = '' as $$
begin
  -- A board that is not public and never was has nothing to record; the common case for internal boards.
  if not public.board_is_public(p_board)
     and not exists (select 1 from public.oparl_objects o where o.board_id = p_board and o.deleted_at is null) then
    return;
  end if;
  -- One statement, so the board's public set is computed once: the insert records and revives what is public,
  -- the update marks what no longer is (disjoint rows; both see the registry as it was before the statement).
  -- `except` rather than `not exists`: a set operation never turns into a loop over both sets, whatever the
  -- planner estimates for the function's rows.
  with live as materialized (select * from public.oparl_public_objects(p_board)),
  recorded as (
    insert into public.oparl_objects as o (object_type, object_id, board_id, created, changed_at, fingerprint)
    select l.object_type, l.object_id, p_board, l.created, now(), l.fingerprint from live l
    on conflict (object_type, object_id) do update
      set changed_at = now(), deleted_at = null, fingerprint = excluded.fingerprint
      where o.deleted_at is not null or o.fingerprint <> excluded.fingerprint
  ),
  gone as (
    select o.object_type, o.object_id from public.oparl_objects o where o.board_id = p_board and o.deleted_at is null
    except
    select l.object_type, l.object_id from live l
  )
  update public.oparl_objects o set deleted_at = now(), changed_at = now()
    from gone g where o.object_type = g.object_type and o.object_id = g.object_id;
  -- People belong to the body: listed on any public board. Candidates are this board's members and
  -- the people already recorded.
  insert into public.oparl_objects as o (object_type, object_id, board_id, created, changed_at, fingerprint)
  select 'person', pr.user_id, null, now(), now(),
         md5(concat_ws('|', pr.display_name, pr.organisation, pr."function"))
    from public.profiles pr
    where pr.user_id in (select ms.user_id from public.memberships ms where ms.board_id = p_board)
      and public.is_listed_person(pr.user_id)
  on conflict (object_type, object_id) do update
    set changed_at = now(), deleted_at = null, fingerprint = excluded.fingerprint
    where o.deleted_at is not null or o.fingerprint <> excluded.fingerprint;
  update public.oparl_objects o set deleted_at = now(), changed_at = now()
   where o.object_type = 'person' and o.deleted_at is null
     and o.object_id in (select ms.user_id from public.memberships ms where ms.board_id = p_board)
     and not public.is_listed_person(o.object_id);
end
$$;

-- A person deleted outright (personal data removal) has no memberships left to find them by.
create function public.oparl_sync_people() returns void
language plpgsql volatile security definer set search_path = '' as $$
begin
  update public.oparl_objects o set deleted_at = now(), changed_at = now()
   where o.object_type = 'person' and o.deleted_at is null and not public.is_listed_person(o.object_id);
end
$$;

-- When to sync. A row trigger on each table that feeds the public subset marks the row's board as touched in
-- this transaction, only when a column the public sees changed (a paper's `updated_at` on every collaborative
-- save does not count); a deferred trigger on the mark syncs each touched board once, at commit, when the
-- transaction's last word is known. The marks live only inside their transaction.
create table public.oparl_touched (
  tx bigint not null default txid_current(),
  -- The board; the nil uuid stands for "people only" (a profile whose memberships are gone).
  board_id uuid not null,
  primary key (tx, board_id)
);
alter table public.oparl_touched enable row level security;
revoke all on public.oparl_touched from public, anon, authenticated, service_role;

create function public.oparl_touch(p_board uuid) returns void
language plpgsql volatile security definer set search_path = '' as $$
begin
  if p_board is not null then
    insert into public.oparl_touched (board_id) values (p_board) on conflict do nothing;
  end if;
end
$$;

create function public.oparl_touch_row() returns trigger
language plpgsql security definer set search_path = '' as $$
declare
  r record;
  v_board uuid;
begin
  if tg_op = 'DELETE' then r := old; else r := new; end if;
  if tg_table_name = 'boards' then
    perform public.oparl_touch(r.id);
  elsif tg_table_name in ('agenda_items', 'agenda_item_papers') then
    perform public.oparl_touch((select m.board_id from public.meetings m where m.id = r.meeting_id));
  elsif tg_table_name = 'profiles' then
    perform public.oparl_touch('00000000-0000-0000-0000-000000000000');
    for v_board in select ms.board_id from public.memberships ms where ms.user_id = r.user_id loop
      perform public.oparl_touch(v_board);
    end loop;
  else
    perform public.oparl_touch(r.board_id);
  end if;
  return null;
end
$$;

create function public.oparl_sync_touched() returns trigger
language plpgsql security definer set search_path = '' as $$
begin
  if new.board_id <> '00000000-0000-0000-0000-000000000000' then
    perform public.oparl_sync(new.board_id);
  end if;
  perform public.oparl_sync_people();
  delete from public.oparl_touched t where t.tx = new.tx and t.board_id = new.board_id;
  return null;
end
$$;
create constraint trigger oparl_sync_touched after insert on public.oparl_touched
  deferrable initially deferred for each row execute function public.oparl_sync_touched();

revoke all on function public.oparl_public_objects(uuid), public.oparl_sync(uuid), public.oparl_sync_people(),
  public.oparl_touch(uuid), public.oparl_touch_row(), public.oparl_sync_touched() from public, anon, authenticated;
grant execute on function public.oparl_sync(uuid) to service_role;

-- Per table: inserts and deletes always touch; updates only when a column the public subset reads changed.
do $$
declare
  v_source record;
begin
  for v_source in select * from (values
      ('boards', 'name, slug, is_public, term_name, term_starts_on, term_ends_on'),
      ('memberships', 'board_id, user_id, role, active, organisation, "function", joined_at'),
      ('profiles', 'display_name, organisation, "function", listed_publicly, removed_at'),
      ('meetings', 'board_id, title, description, starts_at, ends_at, location, status, agenda_published_at'),
      ('agenda_items', 'meeting_id, position, is_sub_item, title, description, kind, is_public, presenter_text, planned_minutes'),
      ('agenda_item_papers', 'item_id, paper_id, meeting_id'),
      ('files', 'board_id, agenda_item_id, name, current_version'),
      ('papers', 'board_id, title, status, tags, published_at, published_version_id'),
      ('decision_entries', 'board_id, number, revision, status, is_public, agenda_item_id, title, resolution'),
      ('decision_publications', 'board_id, number')
    ) as s(tbl, cols)
  loop
    execute format(
      'create trigger oparl_touch after insert or delete on public.%1$I '
      'for each row execute function public.oparl_touch_row()', v_source.tbl);
    execute format(
      'create trigger oparl_touch_update after update on public.%1$I for each row '
      'when ((%2$s) is distinct from (%3$s)) execute function public.oparl_touch_row()',
      v_source.tbl,
      (select string_agg('old.' || btrim(c), ', ') from unnest(string_to_array(v_source.cols, ',')) c),
      (select string_agg('new.' || btrim(c), ', ') from unnest(string_to_array(v_source.cols, ',')) c));
  end loop;
end
$$;

-- Whatever is public already (a database migrated after boards were published) is recorded once.
select public.oparl_sync(b.id) from public.boards b where b.is_public;
