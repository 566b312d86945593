-- The strategy map (#16): fields of action → goals → measures, indicators per goal with a time series of
-- values, links from measures to decisions (by number), papers and action items, comments on measures.
--
-- Every row carries its board; children reference their parent together with the board
-- (`(parent_id, board_id)`), so a row can never hang below another board's parent. Full members read,
-- office/chair/deputy write (policy.ts 'strategy.edit'), full members comment. A field the office publishes
-- (and everything below it) is readable by anon while the board itself is public (citizens' pages).

create table public.strategy_fields (
  id uuid primary key default gen_random_uuid(),
  board_id uuid not null references public.boards (id) on delete cascade,
  title text not null check (char_length(title) between 1 and 200),
  description text not null default '' check (char_length(description) <= 5000),
  position integer not null default 0,
  is_public boolean not null default false,
  form_token uuid unique,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (id, board_id)
);
create index strategy_fields_board_idx on public.strategy_fields (board_id, position);

create table public.strategy_goals (
  id uuid primary key default gen_random_uuid(),
  board_id uuid not null,
  field_id uuid not null,
  title text not null check (char_length(title) between 1 and 300),
  description text not null default '' check (char_length(description) <= 5000),
  position integer not null default 0,
  form_token uuid unique,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (id, board_id),
  foreign key (field_id, board_id) references public.strategy_fields (id, board_id) on delete cascade
);
create index strategy_goals_field_idx on public.strategy_goals (field_id, position);
create index strategy_goals_board_idx on public.strategy_goals (board_id);

create table public.strategy_measures (
  id uuid primary key default gen_random_uuid(),
  board_id uuid not null,
  goal_id uuid not null,
  title text not null check (char_length(title) between 1 and 300),
  description text not null default '' check (char_length(description) <= 5000),
  owner_kind text not null check (owner_kind in ('member', 'organisation', 'office')),
  owner_id uuid references auth.users (id) on delete set null,
  owner_text text not null default '' check (char_length(owner_text) <= 200),
  status text not null default 'planned' check (status in ('planned', 'running', 'done', 'stopped')),
  starts_on date,
  ends_on date,
  budget_note text not null default '' check (char_length(budget_note) <= 1000),
  form_token uuid unique,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (id, board_id),
  foreign key (goal_id, board_id) references public.strategy_goals (id, board_id) on delete cascade,
  check (ends_on is null or starts_on is null or ends_on >= starts_on),
  check (owner_kind <> 'organisation' or char_length(owner_text) > 0)
);
create index strategy_measures_goal_idx on public.strategy_measures (goal_id);
create index strategy_measures_board_idx on public.strategy_measures (board_id);
create index strategy_measures_owner_idx on public.strategy_measures (owner_id);

-- Decisions by number (the log is append-only and versioned; the number is its stable key).
create table public.strategy_measure_decisions (
  measure_id uuid not null,
  board_id uuid not null,
  decision_number text not null check (decision_number ~ '^\d{4}/\d{2,}$'),
  -- What the decision did to the measure: started it, changed it, or is only referenced.
  effect text not null default 'linked' check (effect in ('started', 'changed', 'linked')),
  created_at timestamptz not null default now(),
  primary key (measure_id, decision_number),
  foreign key (measure_id, board_id) references public.strategy_measures (id, board_id) on delete cascade
);
create index strategy_measure_decisions_board_idx on public.strategy_measure_decisions (board_id, decision_number);

create table public.strategy_measure_tasks (
  measure_id uuid not null,
  board_id uuid not null,
  task_id uuid not null references public.tasks (id) on delete cascade,
  primary key (measure_id, task_id),
  foreign key (measure_id, board_id) references public.strategy_measures (id, board_id) on delete cascade
);
create index strategy_measure_tasks_board_idx on public.strategy_measure_tasks (board_id);
create index strategy_measure_tasks_task_idx on public.strategy_measure_tasks (task_id);

create table public.strategy_measure_papers (
  measure_id uuid not null,
  board_id uuid not null,
  paper_id uuid not null references public.papers (id) on delete cascade,
  primary key (measure_id, paper_id),
  foreign key (measure_id, board_id) references public.strategy_measures (id, board_id) on delete cascade
);
create index strategy_measure_papers_board_idx on public.strategy_measure_papers (board_id);
create index strategy_measure_papers_paper_idx on public.strategy_measure_papers (paper_id);

-- A measure's status over time, written by the trigger below (nobody inserts it directly).
create table public.strategy_measure_status (
  id bigint generated always as identity primary key,
  measure_id uuid not null,
  board_id uuid not null,
  status text not null,
  changed_by uuid references auth.users (id) on delete set null,
  changed_at timestamptz not null default now(),
  foreign key (measure_id, board_id) references public.strategy_measures (id, board_id) on delete cascade
);
create index strategy_measure_status_measure_idx on public.strategy_measure_status (measure_id, changed_at);
create index strategy_measure_status_board_idx on public.strategy_measure_status (board_id);

create table public.strategy_indicators (
  id uuid primary key default gen_random_uuid(),
  board_id uuid not null,
  goal_id uuid not null,
  name text not null check (char_length(name) between 1 and 200),
  unit text not null check (char_length(unit) between 1 and 40),
  source text not null default '' check (char_length(source) <= 300),
  baseline numeric,
  baseline_on date,
  target numeric,
  target_on date,
  form_token uuid unique,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (id, board_id),
  foreign key (goal_id, board_id) references public.strategy_goals (id, board_id) on delete cascade
);
create index strategy_indicators_goal_idx on public.strategy_indicators (goal_id);
create index strategy_indicators_board_idx on public.strategy_indicators (board_id);

create table public.strategy_indicator_values (
  indicator_id uuid not null,
  board_id uuid not null,
  observed_on date not null,
  value numeric not null,
  created_at timestamptz not null default now(),
  primary key (indicator_id, observed_on),
  foreign key (indicator_id, board_id) references public.strategy_indicators (id, board_id) on delete cascade
);
create index strategy_indicator_values_board_idx on public.strategy_indicator_values (board_id);

-- The existing comments module anchors threads in a paper's collaborative document (paper_id not null),
-- so measures get their own plain comment list.
create table public.strategy_comments (
  id uuid primary key default gen_random_uuid(),
  board_id uuid not null,
  measure_id uuid not null,
  author_id uuid references auth.users (id) on delete set null default auth.uid(),
  body text not null check (char_length(body) between 1 and 5000),
  form_token uuid unique,
  created_at timestamptz not null default now(),
  foreign key (measure_id, board_id) references public.strategy_measures (id, board_id) on delete cascade
);
create index strategy_comments_measure_idx on public.strategy_comments (measure_id, created_at);
create index strategy_comments_board_idx on public.strategy_comments (board_id);
create index strategy_comments_author_idx on public.strategy_comments (author_id);

-- Helpers (PL/pgSQL, security definer: see 20261206010000_policy_helpers_plpgsql.sql) --------------------

-- Whether a goal belongs to a published field of a public board.
create function public.strategy_goal_is_public(p_goal uuid) returns boolean
language plpgsql stable security definer set search_path = '' as $$
begin
  return (
    select coalesce((
      select f.is_public and public.board_is_public(f.board_id)
      from public.strategy_goals g join public.strategy_fields f on f.id = g.field_id
      where g.id = p_goal
    ), false)
  );
end
$$;

create function public.strategy_indicator_is_public(p_indicator uuid) returns boolean
language plpgsql stable security definer set search_path = '' as $$
begin
  return (
    select coalesce((
      select public.strategy_goal_is_public(i.goal_id) from public.strategy_indicators i where i.id = p_indicator
    ), false)
  );
end
$$;

-- Records each status a measure takes (on insert and on a status change).
create function public.strategy_measure_status_log() returns trigger
language plpgsql security definer set search_path = '' as $$
begin
  if tg_op = 'INSERT' or new.status is distinct from old.status then
    insert into public.strategy_measure_status (measure_id, board_id, status, changed_by)
    values (new.id, new.board_id, new.status, auth.uid());
  end if;
  return null;
end
$$;
create trigger strategy_measure_status_log after insert or update of status on public.strategy_measures
  for each row execute function public.strategy_measure_status_log();

revoke all on function public.strategy_goal_is_public(uuid), public.strategy_indicator_is_public(uuid),
  public.strategy_measure_status_log() from public, anon;
grant execute on function public.strategy_goal_is_public(uuid), public.strategy_indicator_is_public(uuid)
  to anon, authenticated, service_role;

-- Grants ------------------------------------------------------------------------------------------------

revoke all on public.strategy_fields, public.strategy_goals, public.strategy_measures,
  public.strategy_measure_decisions, public.strategy_measure_tasks, public.strategy_measure_papers,
  public.strategy_measure_status, public.strategy_indicators, public.strategy_indicator_values,
  public.strategy_comments from public, anon, authenticated, service_role;
grant select, insert, update, delete on public.strategy_fields, public.strategy_goals, public.strategy_measures,
  public.strategy_measure_decisions, public.strategy_measure_tasks, public.strategy_measure_papers,
  public.strategy_indicators, public.strategy_indicator_values to authenticated;
grant select, insert, delete on public.strategy_comments to authenticated;
grant select on public.strategy_measure_status to authenticated;
grant all on public.strategy_fields, public.strategy_goals, public.strategy_measures,
  public.strategy_measure_decisions, public.strategy_measure_tasks, public.strategy_measure_papers,
  public.strategy_measure_status, public.strategy_indicators, public.strategy_indicator_values,
  public.strategy_comments to service_role;
-- What anon reads of a published field: no people, no comments, no tokens.
grant select (id, board_id, title, description, position, is_public) on public.strategy_fields to anon;
grant select (id, board_id, field_id, title, description, position) on public.strategy_goals to anon;
grant select (id, board_id, goal_id, title, description, owner_kind, owner_text, status, starts_on, ends_on,
  budget_note) on public.strategy_measures to anon;
grant select (id, board_id, goal_id, name, unit, source, baseline, baseline_on, target, target_on)
  on public.strategy_indicators to anon;
grant select (indicator_id, board_id, observed_on, value) on public.strategy_indicator_values to anon;

alter table public.strategy_fields enable row level security;
alter table public.strategy_goals enable row level security;
alter table public.strategy_measures enable row level security;
alter table public.strategy_measure_decisions enable row level security;
alter table public.strategy_measure_tasks enable row level security;
alter table public.strategy_measure_papers enable row level security;
alter table public.strategy_measure_status enable row level security;
alter table public.strategy_indicators enable row level security;
alter table public.strategy_indicator_values enable row level security;
alter table public.strategy_comments enable row level security;

-- Policies: full members read, office/chair/deputy write -----------------------------------------------

do $$
declare
  t text;
begin
  foreach t in array array['strategy_fields', 'strategy_goals', 'strategy_measures', 'strategy_measure_decisions',
    'strategy_measure_tasks', 'strategy_measure_papers', 'strategy_indicators', 'strategy_indicator_values'] loop
    execute format('create policy %I on public.%I for select to authenticated using (public.is_full_member(board_id))',
      t || '_select', t);
    execute format('create policy %I on public.%I for insert to authenticated '
      'with check (public.has_board_role(board_id, ''{office,chair,deputy}''))', t || '_insert', t);
    execute format('create policy %I on public.%I for update to authenticated '
      'using (public.has_board_role(board_id, ''{office,chair,deputy}'')) '
      'with check (public.has_board_role(board_id, ''{office,chair,deputy}''))', t || '_update', t);
    execute format('create policy %I on public.%I for delete to authenticated '
      'using (public.has_board_role(board_id, ''{office,chair,deputy}''))', t || '_delete', t);
  end loop;
end
$$;

create policy strategy_measure_status_select on public.strategy_measure_status for select to authenticated
  using (public.is_full_member(board_id));

create policy strategy_comments_select on public.strategy_comments for select to authenticated
  using (public.is_full_member(board_id));
create policy strategy_comments_insert on public.strategy_comments for insert to authenticated
  with check (public.is_full_member(board_id) and author_id = (select auth.uid()));
create policy strategy_comments_delete on public.strategy_comments for delete to authenticated
  using (author_id = (select auth.uid()) or public.has_board_role(board_id, '{office}'));

-- Policies to anon: a published field of a public board and what hangs below it -------------------------

create policy strategy_fields_select_public on public.strategy_fields for select to anon
  using (is_public and public.board_is_public(board_id));
create policy strategy_goals_select_public on public.strategy_goals for select to anon
  using (public.strategy_goal_is_public(id));
create policy strategy_measures_select_public on public.strategy_measures for select to anon
  using (public.strategy_goal_is_public(goal_id));
create policy strategy_indicators_select_public on public.strategy_indicators for select to anon
  using (public.strategy_goal_is_public(goal_id));
create policy strategy_indicator_values_select_public on public.strategy_indicator_values for select to anon
  using (public.strategy_indicator_is_public(indicator_id));

-- Audit trail: the map's rows (a measure's status change among them) -------------------------------------

create trigger audit_row_change after insert or update or delete on public.strategy_fields
  for each row execute function public.audit_row_change('board_id', 'id', 'form_token');
create trigger audit_row_change after insert or update or delete on public.strategy_goals
  for each row execute function public.audit_row_change('board_id', 'id', 'form_token');
create trigger audit_row_change after insert or update or delete on public.strategy_measures
  for each row execute function public.audit_row_change('board_id', 'id', 'form_token');
create trigger audit_row_change after insert or update or delete on public.strategy_indicators
  for each row execute function public.audit_row_change('board_id', 'id', 'form_token');
