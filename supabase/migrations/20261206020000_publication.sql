-- Publication (#14): what a board shows signed-out visitors (citizens' pages /p/<board>, OParl /oparl/v1).
-- The foundation only: the switches the office flips and the policies `to anon` that expose exactly the
-- public subset. Nothing is public by default.
--
-- Public, when the board's switch is on (boards.is_public, office only, through set_board_public):
--   meetings      whose agenda is published (agenda_published_at) and that are not cancelled;
--   agenda items  the public ones (is_public) of those meetings;
--   files         attached to those public agenda items (and their versions);
--   decisions     the newest revision of a decision number the office marked public
--                 (decision_publications), while that revision is public (is_public, i.e. taken in a
--                 public item) and adopted or implemented;
--   papers        published by the office (published_at), with the named version frozen at publication
--                 (published_version_id) that the pages render, never the live document;
--   people        display name, organisation, function and board role of members (not guests) who
--                 chose "list me publicly" (profiles.listed_publicly); never e-mail or locale.
-- Anon reads go through column grants, so columns that must not leave (online_url, e-mail, search text,
-- hashes, form tokens, who recorded or uploaded what) are not readable even with a matching row.
-- Non-public items, drafts, comments, votes, ballots, minutes and everything else stay closed to anon.

-- Switches -----------------------------------------------------------------------------------------

alter table public.boards add column is_public boolean not null default false;

alter table public.profiles add column listed_publicly boolean not null default false;

alter table public.papers
  add column published_at timestamptz,
  add column published_by uuid references auth.users (id) on delete set null,
  add column published_version_id uuid references public.paper_versions (id) on delete set null;
create index papers_published_idx on public.papers (board_id, published_at) where published_at is not null;

-- The office marks decisions public by number; the decision log itself stays append-only and hashed.
create table public.decision_publications (
  board_id uuid not null references public.boards (id) on delete cascade,
  number text not null,
  published_by uuid references auth.users (id) on delete set null,
  published_at timestamptz not null default now(),
  primary key (board_id, number)
);

create index agenda_items_public_idx on public.agenda_items (meeting_id) where is_public;
create index meetings_board_published_idx on public.meetings (board_id, starts_at) where agenda_published_at is not null;

-- Helpers (security definer: the policies below must not recurse through the tables' own RLS; PL/pgSQL like
-- every policy helper since 20261206010000_policy_helpers_plpgsql, so their plans last for the session) ------

create function public.board_is_public(p_board uuid) returns boolean
language plpgsql stable security definer set search_path = '' as $$
begin
  return (
    select coalesce((select b.is_public from public.boards b where b.id = p_board), false)
  );
end
$$;

-- A meeting the public sees: its board is public, its agenda published, and it is not cancelled.
create function public.is_public_meeting(p_meeting uuid) returns boolean
language plpgsql stable security definer set search_path = '' as $$
begin
  return (
    select exists (
      select 1 from public.meetings m join public.boards b on b.id = m.board_id
      where m.id = p_meeting and b.is_public and m.agenda_published_at is not null and m.status <> 'cancelled'
    )
  );
end
$$;

-- A file the public sees: attached to a public agenda item of a public meeting of the file's own board.
create function public.is_public_file(p_board uuid, p_item uuid) returns boolean
language plpgsql stable security definer set search_path = '' as $$
begin
  return (
    select p_item is not null and exists (
      select 1 from public.agenda_items i
      join public.meetings m on m.id = i.meeting_id and m.board_id = p_board
      join public.boards b on b.id = m.board_id
      where i.id = p_item and i.is_public
        and b.is_public and m.agenda_published_at is not null and m.status <> 'cancelled'
    )
  );
end
$$;

create function public.is_public_file_id(p_file uuid) returns boolean
language plpgsql stable security definer set search_path = '' as $$
begin
  return (
    select exists (select 1 from public.files f where f.id = p_file and public.is_public_file(f.board_id, f.agenda_item_id))
  );
end
$$;

-- Whether the newest revision of a decision number may be published: public and adopted (or implemented).
create function public.decision_publishable(p_board uuid, p_number text) returns boolean
language plpgsql stable security definer set search_path = '' as $$
begin
  return (
    select coalesce((
      select e.is_public and e.status in ('adopted', 'implemented')
      from public.decision_entries e
      where e.board_id = p_board and e.number = p_number
      order by e.revision desc limit 1
    ), false)
  );
end
$$;

-- A decision entry the public sees: the newest revision of a number the office published, on a public
-- board, while that revision is publishable. Older revisions (the history) stay internal.
create function public.is_published_decision(p_board uuid, p_number text, p_revision integer) returns boolean
language plpgsql stable security definer set search_path = '' as $$
begin
  return (
    select public.board_is_public(p_board)
      and exists (select 1 from public.decision_publications p where p.board_id = p_board and p.number = p_number)
      and not exists (select 1 from public.decision_entries e
                      where e.board_id = p_board and e.number = p_number and e.revision > p_revision)
      and public.decision_publishable(p_board, p_number)
  );
end
$$;

-- The version of a published paper on a public board that the public pages render.
create function public.is_published_paper_version(p_version uuid) returns boolean
language plpgsql stable security definer set search_path = '' as $$
begin
  return (
    select exists (
      select 1 from public.papers p join public.boards b on b.id = p.board_id
      where p.published_version_id = p_version and p.published_at is not null and b.is_public
    )
  );
end
$$;

-- A person the public sees: they chose to be listed, are not removed, and sit (not as a guest) on a public board.
create function public.is_listed_person(p_user uuid) returns boolean
language plpgsql stable security definer set search_path = '' as $$
begin
  return (
    select exists (
      select 1 from public.profiles pr
      join public.memberships m on m.user_id = pr.user_id and m.active and m.role <> 'guest'
      join public.boards b on b.id = m.board_id and b.is_public
      where pr.user_id = p_user and pr.listed_publicly and pr.removed_at is null
    )
  );
end
$$;

create function public.person_listed(p_user uuid) returns boolean
language plpgsql stable security definer set search_path = '' as $$
begin
  return (
    select exists (select 1 from public.profiles pr where pr.user_id = p_user and pr.listed_publicly and pr.removed_at is null)
  );
end
$$;

-- The board's public switch: office only (boards stay admin-managed otherwise, like set_meeting_settings).
create function public.set_board_public(p_board uuid, p_public boolean) returns boolean
language plpgsql volatile security definer set search_path = '' as $$
begin
  if not public.has_board_role(p_board, '{office}') then
    return false;
  end if;
  update public.boards set is_public = p_public where id = p_board;
  return true;
end
$$;

-- Papers' publication columns: only the office (or a system task / the owner) sets them. Papers'
-- update policy lets every editor update the row, so the guard is a trigger (not security definer:
-- it judges the session's role).
create function public.papers_publication_guard() returns trigger
language plpgsql set search_path = '' as $$
begin
  if current_user in ('authenticated', 'anon')
     and (tg_op = 'INSERT' and (new.published_at is not null or new.published_version_id is not null)
          or tg_op = 'UPDATE' and (new.published_at, new.published_by, new.published_version_id)
                                  is distinct from (old.published_at, old.published_by, old.published_version_id))
     and not public.has_board_role(new.board_id, '{office}') then
    raise exception 'only the office publishes papers' using errcode = '42501';
  end if;
  if new.published_version_id is not null and not exists (
       select 1 from public.paper_versions v where v.id = new.published_version_id and v.paper_id = new.id) then
    raise exception 'the published version belongs to another paper' using errcode = '23514';
  end if;
  return new;
end
$$;
create trigger papers_publication_guard before insert or update on public.papers
  for each row execute function public.papers_publication_guard();

revoke all on function public.board_is_public(uuid), public.is_public_meeting(uuid), public.is_public_file(uuid, uuid),
  public.is_public_file_id(uuid), public.decision_publishable(uuid, text), public.is_published_decision(uuid, text, integer),
  public.is_published_paper_version(uuid), public.is_listed_person(uuid), public.person_listed(uuid),
  public.set_board_public(uuid, boolean), public.papers_publication_guard() from public, anon;
grant execute on function public.board_is_public(uuid), public.is_public_meeting(uuid), public.is_public_file(uuid, uuid),
  public.is_public_file_id(uuid), public.decision_publishable(uuid, text), public.is_published_decision(uuid, text, integer),
  public.is_published_paper_version(uuid), public.is_listed_person(uuid), public.person_listed(uuid)
  to anon, authenticated, service_role;
grant execute on function public.set_board_public(uuid, boolean) to authenticated;

-- Grants ---------------------------------------------------------------------------------------------

revoke all on public.decision_publications from public, anon, authenticated, service_role;
grant select, insert, delete on public.decision_publications to authenticated;
grant all on public.decision_publications to service_role;
grant select (board_id, number, published_at) on public.decision_publications to anon;

-- People choose for themselves (profiles_update: own row only).
grant update (listed_publicly) on public.profiles to authenticated;

-- What anon may read, column by column.
grant select (id, slug, name, is_public, created_at) on public.boards to anon;
grant select (user_id, display_name, organisation, "function") on public.profiles to anon;
grant select (id, board_id, user_id, role, organisation, "function", active, joined_at) on public.memberships to anon;
grant select (id, board_id, title, description, starts_at, ends_at, location, status, agenda_published_at,
  created_at, updated_at) on public.meetings to anon;
grant select (id, meeting_id, position, is_sub_item, title, description, kind, is_public, presenter_text,
  planned_minutes, changed_at, created_at, updated_at) on public.agenda_items to anon;
grant select (id, board_id, number, year, number_in_year, revision, change, title, resolution, meeting_id,
  agenda_item_id, kind, vote_result, status, superseded_by, supersedes, paper_ids, is_public, recorded_at)
  on public.decision_entries to anon;
grant select (id, board_id, title, status, tags, created_at, updated_at, published_at, published_version_id)
  on public.papers to anon;
grant select (id, paper_id, number, name, state, created_at) on public.paper_versions to anon;
grant select (id, board_id, agenda_item_id, name, current_version, created_at, updated_at) on public.files to anon;
grant select (file_id, version, object_name, name, size, content_type, sha256, created_at) on public.file_versions to anon;

alter table public.decision_publications enable row level security;

-- Policies: the office publishes and withdraws; full members see what is published ---------------------

create policy decision_publications_select on public.decision_publications for select to authenticated
  using (public.is_full_member(board_id) or (select public.is_platform_admin()));
create policy decision_publications_insert on public.decision_publications for insert to authenticated
  with check (public.has_board_role(board_id, '{office}') and published_by = (select auth.uid())
    and public.decision_publishable(board_id, number));
create policy decision_publications_delete on public.decision_publications for delete to authenticated
  using (public.has_board_role(board_id, '{office}'));

-- Policies to anon: exactly the public subset ----------------------------------------------------------

create policy boards_select_public on public.boards for select to anon
  using (is_public);
create policy meetings_select_public on public.meetings for select to anon
  using (agenda_published_at is not null and status <> 'cancelled' and public.board_is_public(board_id));
create policy agenda_items_select_public on public.agenda_items for select to anon
  using (is_public and public.is_public_meeting(meeting_id));
create policy files_select_public on public.files for select to anon
  using (public.is_public_file(board_id, agenda_item_id));
create policy file_versions_select_public on public.file_versions for select to anon
  using (public.is_public_file_id(file_id));
create policy decision_entries_select_public on public.decision_entries for select to anon
  using (is_public and status in ('adopted', 'implemented') and public.is_published_decision(board_id, number, revision));
create policy decision_publications_select_public on public.decision_publications for select to anon
  using (public.board_is_public(board_id) and public.decision_publishable(board_id, number));
create policy papers_select_public on public.papers for select to anon
  using (published_at is not null and public.board_is_public(board_id));
create policy paper_versions_select_public on public.paper_versions for select to anon
  using (public.is_published_paper_version(id));
create policy profiles_select_public on public.profiles for select to anon
  using (public.is_listed_person(user_id));
create policy memberships_select_public on public.memberships for select to anon
  using (active and role <> 'guest' and public.board_is_public(board_id) and public.person_listed(user_id));

-- The audit trail records a decision published and withdrawn (the boards' and papers' own triggers record
-- the board's switch and a paper's publication).
create trigger audit_row_change after insert or delete on public.decision_publications
  for each row execute function public.audit_row_change('board_id', 'number', '');
