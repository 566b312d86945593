-- Decision log (append-only, hash-chained) and action items.
-- A decision is identified by its number per board and year ("2026/07"); every change (amendment,
-- status change, supersede) is a NEW entry with the same number and a higher revision. Hashes are
-- computed in TypeScript (src/lib/server/decisions/decision-hash.ts) so PGlite and Postgres agree.

create table public.decision_heads (
  board_id uuid primary key references public.boards (id) on delete cascade,
  seq bigint not null default 0
);

create table public.decision_counters (
  board_id uuid not null references public.boards (id) on delete cascade,
  year integer not null check (year between 2000 and 2999),
  last_number integer not null default 0,
  primary key (board_id, year)
);

create table public.decision_entries (
  id uuid primary key default gen_random_uuid(),
  board_id uuid not null references public.boards (id),
  seq bigint not null check (seq > 0),
  year integer not null,
  number_in_year integer not null check (number_in_year > 0),
  number text not null,
  revision integer not null default 0 check (revision >= 0),
  previous_id uuid references public.decision_entries (id),
  change text not null check (change in ('recorded', 'amended', 'status', 'superseded')),
  title text not null check (char_length(title) between 1 and 300),
  resolution text not null check (char_length(resolution) between 1 and 20000),
  meeting_id uuid references public.meetings (id),
  agenda_item_id uuid references public.agenda_items (id),
  kind text not null check (kind in ('resolution', 'recommendation', 'position')),
  vote_result jsonb not null default '{}',
  status text not null check (status in ('adopted', 'rejected', 'deferred', 'withdrawn', 'superseded', 'implemented')),
  superseded_by text,
  supersedes text,
  responsible text check (char_length(responsible) <= 300),
  due_date date,
  paper_ids uuid[] not null default '{}',
  source text not null check (source in ('meeting', 'circular', 'minutes', 'manual')),
  source_id text,
  is_public boolean not null,
  recorded_by uuid references auth.users (id),
  recorded_at timestamptz not null,
  prev_hash text not null,
  hash text not null,
  unique (board_id, seq),
  unique (board_id, number, revision)
);
-- Idempotency for votes/minutes: one entry per source and source id.
create unique index decision_entries_source_key on public.decision_entries (board_id, source, source_id)
  where source_id is not null;
create index decision_entries_board_idx on public.decision_entries (board_id, is_public);
create index decision_entries_meeting_idx on public.decision_entries (meeting_id);

-- Append-only even for the owner: UPDATE/DELETE/TRUNCATE are refused unless an operator sets
-- `set local beirat.decisions_maintenance = 'on'` in a maintenance transaction (documented in README).
create function public.decision_entries_refuse_change() returns trigger
language plpgsql set search_path = '' as $$
begin
  if coalesce(current_setting('beirat.decisions_maintenance', true), '') = 'on' then
    return case when tg_op = 'DELETE' then old else new end;
  end if;
  raise exception 'decision log is append-only (% refused)', tg_op using errcode = '42501';
end
$$;
create trigger decision_entries_append_only before update or delete on public.decision_entries
  for each row execute function public.decision_entries_refuse_change();
create trigger decision_entries_no_truncate before truncate on public.decision_entries
  for each statement execute function public.decision_entries_refuse_change();

-- Reserves the next position in the board's chain (and, for a new decision, the next number of the
-- year) under row locks, so concurrent appends serialise per board and numbers stay gap-free (the
-- counters roll back with the caller's transaction). Returns an existing entry for a known source id.
create function public.decision_reserve(p_board uuid, p_year integer, p_new boolean, p_source text, p_source_id text)
returns table (seq bigint, number_in_year integer, prev_hash text, existing_id uuid, existing_number text)
language plpgsql security definer set search_path = '' as $$
declare
  v_seq bigint;
  v_num integer := 0;
  v_prev text;
begin
  if not (public.has_board_role(p_board, '{office,chair,deputy}')
          or coalesce(nullif(current_setting('request.jwt.claims', true), '')::jsonb ->> 'role', '') = 'service_role') then
    raise exception 'not allowed to record decisions' using errcode = '42501';
  end if;
  insert into public.decision_heads (board_id) values (p_board) on conflict do nothing;
  select h.seq into v_seq from public.decision_heads h where h.board_id = p_board for update;
  if p_source_id is not null then
    select e.id, e.number into existing_id, existing_number from public.decision_entries e
      where e.board_id = p_board and e.source = p_source and e.source_id = p_source_id;
    if existing_id is not null then
      seq := null; number_in_year := null; prev_hash := null;
      return next;
      return;
    end if;
  end if;
  update public.decision_heads h set seq = h.seq + 1 where h.board_id = p_board;
  if p_new then
    insert into public.decision_counters as c (board_id, year, last_number) values (p_board, p_year, 1)
      on conflict (board_id, year) do update set last_number = c.last_number + 1
      returning c.last_number into v_num;
  end if;
  select e.hash into v_prev from public.decision_entries e where e.board_id = p_board and e.seq = v_seq;
  seq := v_seq + 1; number_in_year := v_num; prev_hash := coalesce(v_prev, 'genesis');
  existing_id := null; existing_number := null;
  return next;
end
$$;

create function public.can_see_decision(p_board uuid, p_meeting uuid, p_public boolean) returns boolean
language sql stable security definer set search_path = '' as $$
  select public.is_full_member(p_board) or public.is_platform_admin()
    or (p_public and p_meeting is not null and public.can_see_meeting(p_meeting))
$$;

-- Action items ------------------------------------------------------------------------------------

create table public.tasks (
  id uuid primary key default gen_random_uuid(),
  board_id uuid not null references public.boards (id) on delete cascade,
  decision_number text,
  agenda_item_id uuid references public.agenda_items (id) on delete set null,
  title text not null check (char_length(title) between 1 and 300),
  owner_id uuid references auth.users (id) on delete set null,
  owner_office boolean not null default false,
  due_date date,
  status text not null default 'open' check (status in ('open', 'in_progress', 'done', 'dropped')),
  notes text not null default '' check (char_length(notes) <= 5000),
  created_by uuid references auth.users (id) on delete set null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  check (owner_id is not null or owner_office)
);
create index tasks_board_idx on public.tasks (board_id, decision_number);
create index tasks_owner_idx on public.tasks (owner_id);

-- "Reminded once": the primary key makes it hold across app nodes.
create table public.task_reminders_sent (
  task_id uuid primary key references public.tasks (id) on delete cascade,
  sent_at timestamptz not null default now()
);

revoke all on function public.decision_reserve(uuid, integer, boolean, text, text),
  public.can_see_decision(uuid, uuid, boolean), public.decision_entries_refuse_change() from public, anon;
grant execute on function public.decision_reserve(uuid, integer, boolean, text, text),
  public.can_see_decision(uuid, uuid, boolean) to authenticated, service_role;

revoke all on public.decision_heads, public.decision_counters, public.decision_entries, public.tasks,
  public.task_reminders_sent from public, anon, authenticated, service_role;
grant select, insert on public.decision_entries to authenticated, service_role;
grant select on public.decision_heads, public.decision_counters to service_role;
grant select, insert, update, delete on public.tasks to authenticated;
grant all on public.tasks, public.task_reminders_sent to service_role;

alter table public.decision_heads enable row level security;
alter table public.decision_counters enable row level security;
alter table public.decision_entries enable row level security;
alter table public.tasks enable row level security;
alter table public.task_reminders_sent enable row level security;

create policy decision_entries_select on public.decision_entries for select to authenticated
  using (public.can_see_decision(board_id, meeting_id, is_public));
create policy decision_entries_insert on public.decision_entries for insert to authenticated
  with check (public.has_board_role(board_id, '{office,chair,deputy}') and recorded_by = (select auth.uid()));

-- Tasks: full members see the board's tasks (progress on decisions); guests only their own.
create policy tasks_select on public.tasks for select to authenticated
  using (public.is_full_member(board_id) or owner_id = (select auth.uid()));
create policy tasks_insert on public.tasks for insert to authenticated
  with check (public.has_board_role(board_id, '{office,chair,deputy}'));
create policy tasks_update on public.tasks for update to authenticated
  using (public.has_board_role(board_id, '{office,chair,deputy}') or owner_id = (select auth.uid()))
  with check (public.has_board_role(board_id, '{office,chair,deputy}') or owner_id = (select auth.uid()));
create policy tasks_delete on public.tasks for delete to authenticated
  using (public.has_board_role(board_id, '{office}'));
