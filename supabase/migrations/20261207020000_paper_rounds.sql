-- Consultation rounds (Beteiligung, #15): the office asks people about a paper until a deadline.
-- Board members take part with the access they have; contributors (department staff, the Jobcenter …)
-- are invited by e-mail for this one paper: they become guests of the board and get 'comment' access to
-- the paper while the round is open and its deadline has not passed — paper_access_of decides that in
-- the database, so access ends at the deadline without any job having to run.

create table public.paper_rounds (
  id uuid primary key default gen_random_uuid(),
  board_id uuid not null references public.boards (id) on delete cascade,
  paper_id uuid not null references public.papers (id) on delete cascade,
  question text not null check (char_length(btrim(question)) between 1 and 1000),
  ends_at timestamptz not null,
  created_by uuid references auth.users (id) on delete set null,
  created_at timestamptz not null default now(),
  -- Claimed once by the reminder job (two days before the end), in its own commit.
  reminder_sent_at timestamptz,
  -- Set by the job once it has closed the contributors' sockets after the deadline.
  expired_at timestamptz,
  closed_at timestamptz,
  closed_by uuid references auth.users (id) on delete set null,
  summary text check (char_length(summary) <= 20000),
  form_token text unique,
  check ((closed_at is null) = (closed_by is null) or closed_by is null)
);
create index paper_rounds_paper_idx on public.paper_rounds (paper_id, created_at desc);
create index paper_rounds_board_idx on public.paper_rounds (board_id);
create index paper_rounds_open_idx on public.paper_rounds (ends_at) where closed_at is null;
create index paper_rounds_created_by_idx on public.paper_rounds (created_by);
create index paper_rounds_closed_by_idx on public.paper_rounds (closed_by);

create table public.paper_round_participants (
  round_id uuid not null references public.paper_rounds (id) on delete cascade,
  user_id uuid not null references auth.users (id) on delete cascade,
  -- 'member': asked as a board member; 'contributor': invited for this paper only.
  kind text not null check (kind in ('member', 'contributor')),
  added_at timestamptz not null default now(),
  primary key (round_id, user_id)
);
create index paper_round_participants_user_idx on public.paper_round_participants (user_id);

-- A contributor's invitation names its round: accepting it makes the guest a participant.
alter table public.invitations add column round_id uuid references public.paper_rounds (id) on delete set null;
create index invitations_round_idx on public.invitations (round_id);

-- Whether the current person may see a round: full members of its board, and its participants.
create function public.can_see_round(p_round uuid) returns boolean
language plpgsql stable security definer set search_path = '' as $$
begin
  return (
    select exists (
      select 1 from public.paper_rounds r
      join public.memberships m on m.board_id = r.board_id and m.user_id = (select auth.uid()) and m.active
      where r.id = p_round
        and (m.role = any ('{office,chair,deputy,member,advisor}'::public.board_role[])
          or exists (select 1 from public.paper_round_participants rp
                     where rp.round_id = r.id and rp.user_id = (select auth.uid())))
    )
  );
end
$$;

-- Whether the current person runs the round: the board's office, or the paper's author while a full member.
create function public.can_run_round(p_round uuid) returns boolean
language plpgsql stable security definer set search_path = '' as $$
begin
  return (
    select exists (
      select 1 from public.paper_rounds r
      join public.papers p on p.id = r.paper_id
      join public.memberships m on m.board_id = r.board_id and m.user_id = (select auth.uid()) and m.active
      where r.id = p_round
        and (m.role = 'office'
          or (p.created_by = (select auth.uid())
              and m.role = any ('{chair,deputy,member,advisor}'::public.board_role[])))
    )
  );
end
$$;

-- Until when a contributor's access to the paper lasts (the latest deadline of their open rounds), or null
-- when the person's access does not come from a round. The collaboration ticket carries it: an open socket
-- is closed at that instant.
create function public.paper_contribution_until(p_paper uuid) returns timestamptz
language plpgsql stable security definer set search_path = '' as $$
begin
  return (
    select max(r.ends_at)
    from public.paper_rounds r
    join public.paper_round_participants rp on rp.round_id = r.id and rp.user_id = (select auth.uid())
    join public.memberships m on m.board_id = r.board_id and m.user_id = rp.user_id and m.active and m.role = 'guest'
    where r.paper_id = p_paper and rp.kind = 'contributor' and r.closed_at is null and r.ends_at > now()
      and not exists (select 1 from public.paper_access a where a.paper_id = p_paper and a.user_id = rp.user_id)
  );
end
$$;

revoke all on function public.can_see_round(uuid), public.can_run_round(uuid), public.paper_contribution_until(uuid)
  from public, anon;
grant execute on function public.can_see_round(uuid), public.can_run_round(uuid), public.paper_contribution_until(uuid)
  to authenticated, service_role;

-- As in 20261205190000_policy_helpers_flat (PL/pgSQL since 20261206010000), with one branch more: a guest of the
-- board who is a contributor of an open round of this paper whose deadline has not passed comments.
create or replace function public.paper_access_of(p_paper uuid) returns public.paper_access_level
language plpgsql stable security definer set search_path = '' as $$
begin
  return (
  select case
    when x.base is not null and exists (select 1 from public.minutes mi where mi.paper_id = p_paper and mi.frozen_at is not null)
      then 'view'::public.paper_access_level
    else x.base
  end
  from (
    select case
      when p.id is null then null
      when m.role = 'office' then 'edit'::public.paper_access_level
      when m.role is null or not (m.role = any ('{office,chair,deputy,member,advisor,guest}'::public.board_role[])) then null
      when p.created_by = (select auth.uid()) and m.role = any ('{office,chair,deputy,member,advisor}'::public.board_role[])
        then 'edit'::public.paper_access_level
      when p.status = 'archived' and (a.access is not null
          or (p.visibility = 'board' and m.role = any ('{office,chair,deputy,member,advisor}'::public.board_role[])))
        then 'view'::public.paper_access_level
      when a.access is not null then a.access
      when p.visibility = 'board' and m.role = any ('{office,chair,deputy,member,advisor}'::public.board_role[]) then p.board_access
      when m.role = 'guest' and p.status <> 'archived' and exists (
          select 1 from public.paper_rounds r
          join public.paper_round_participants rp on rp.round_id = r.id and rp.user_id = (select auth.uid())
          where r.paper_id = p.id and rp.kind = 'contributor' and r.closed_at is null and r.ends_at > now()
        ) then 'comment'::public.paper_access_level
      else null
    end as base
    from (select 1) one
    left join public.papers p on p.id = p_paper
    left join public.memberships m on m.board_id = p.board_id and m.user_id = (select auth.uid()) and m.active
    left join public.paper_access a on a.paper_id = p.id and a.user_id = (select auth.uid())
  ) x
  );
end
$$;

revoke all on public.paper_rounds, public.paper_round_participants from public, anon, authenticated, service_role;
grant select, insert, update on public.paper_rounds to authenticated;
grant select, insert, delete on public.paper_round_participants to authenticated;
grant all on public.paper_rounds, public.paper_round_participants to service_role;

alter table public.paper_rounds enable row level security;
alter table public.paper_round_participants enable row level security;

create policy paper_rounds_select on public.paper_rounds for select to authenticated
  using (public.can_see_round(id));
-- The office opens rounds on papers of its board.
create policy paper_rounds_insert on public.paper_rounds for insert to authenticated
  with check (public.has_board_role(board_id, '{office}') and created_by = (select auth.uid())
    and exists (select 1 from public.papers p where p.id = paper_id and p.board_id = paper_rounds.board_id));
-- The office or the paper's author closes it (with a summary); nobody moves it to another paper.
create policy paper_rounds_update on public.paper_rounds for update to authenticated
  using (public.can_run_round(id))
  with check (public.can_run_round(id) and (closed_by is null or closed_by = (select auth.uid())));

create policy paper_round_participants_select on public.paper_round_participants for select to authenticated
  using (user_id = (select auth.uid()) or public.can_see_round(round_id));
-- Board members and guests already in the board are added by the office; invited contributors by the
-- accept-invitation system task.
create policy paper_round_participants_insert on public.paper_round_participants for insert to authenticated
  with check (exists (select 1 from public.paper_rounds r where r.id = round_id
    and public.has_board_role(r.board_id, '{office}') and r.closed_at is null));
create policy paper_round_participants_delete on public.paper_round_participants for delete to authenticated
  using (exists (select 1 from public.paper_rounds r where r.id = round_id
    and public.has_board_role(r.board_id, '{office}') and r.closed_at is null));

-- The suggestions made on the paper while a round was open, as the round tracker saw them after each saved
-- change (system task 'paper-rounds'): a suggestion that left the document was accepted or rejected, which
-- the round page shows. Read by whoever sees the round; written only by the tracker.
create table public.paper_round_suggestions (
  round_id uuid not null references public.paper_rounds (id) on delete cascade,
  suggestion_id text not null check (char_length(suggestion_id) between 1 and 200),
  kind text not null check (kind in ('insert', 'delete')),
  author_id uuid references auth.users (id) on delete set null,
  author_name text check (char_length(author_name) <= 200),
  body text not null default '' check (char_length(body) <= 5000),
  section text check (char_length(section) <= 500),
  state text not null default 'open' check (state in ('open', 'accepted', 'rejected')),
  seen_at timestamptz not null default now(),
  decided_at timestamptz,
  primary key (round_id, suggestion_id)
);
create index paper_round_suggestions_author_idx on public.paper_round_suggestions (author_id);

revoke all on public.paper_round_suggestions from public, anon, authenticated, service_role;
grant select on public.paper_round_suggestions to authenticated;
grant all on public.paper_round_suggestions to service_role;
alter table public.paper_round_suggestions enable row level security;
create policy paper_round_suggestions_select on public.paper_round_suggestions for select to authenticated
  using (public.can_see_round(round_id));
