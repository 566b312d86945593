-- Papers, refined: who may manage a paper (office and the author while still a full member),
-- archived papers are read-only for everyone but their managers, and named access only for
-- people of the paper's board. Guards keep editors from widening access through a plain update.

-- The office, or the author while still a full member of the board: may rename freely, archive,
-- delete and change who has access.
create function public.can_manage_paper(p_paper uuid) returns boolean
language sql stable security definer set search_path = '' as $$
  select exists (
    select 1 from public.papers p
    where p.id = p_paper
      and (public.has_board_role(p.board_id, '{office}')
        or (p.created_by = (select auth.uid()) and public.is_full_member(p.board_id)))
  )
$$;

-- Whether a person holds an active membership (any role) in the paper's board: only they can be named.
create function public.is_paper_board_member(p_paper uuid, p_user uuid) returns boolean
language sql stable security definer set search_path = '' as $$
  select exists (
    select 1 from public.papers p
    join public.memberships m on m.board_id = p.board_id and m.user_id = p_user and m.active
    where p.id = p_paper
  )
$$;

revoke all on function public.can_manage_paper(uuid), public.is_paper_board_member(uuid, uuid) from public, anon;
grant execute on function public.can_manage_paper(uuid), public.is_paper_board_member(uuid, uuid) to authenticated, service_role;

-- As before, plus: the author must still be a full member to keep 'edit', and an archived paper is
-- read-only ('view') for everyone who is not the office or its author.
create or replace function public.paper_access_of(p_paper uuid) returns public.paper_access_level
language sql stable security definer set search_path = '' as $$
  select case
    when p.id is null then null
    when public.has_board_role(p.board_id, '{office}') then 'edit'::public.paper_access_level
    when not public.has_board_role(p.board_id, '{office,chair,deputy,member,advisor,guest}') then null
    when p.created_by = (select auth.uid()) and public.is_full_member(p.board_id) then 'edit'::public.paper_access_level
    when p.status = 'archived' and (a.access is not null or (p.visibility = 'board' and public.is_full_member(p.board_id)))
      then 'view'::public.paper_access_level
    when a.access is not null then a.access
    when p.visibility = 'board' and public.is_full_member(p.board_id) then p.board_access
    else null
  end
  from (select 1) one
  left join public.papers p on p.id = p_paper
  left join public.paper_access a on a.paper_id = p.id and a.user_id = (select auth.uid())
$$;

-- Editors may rename and change the status, but only managers change access or (un)archive; the
-- board and the author never change. Requests without a user (service_role tasks such as the
-- collaboration server's commit of updated_by/updated_at) are not restricted here.
create function public.papers_guard_update() returns trigger
language plpgsql security definer set search_path = '' as $$
begin
  if (select auth.uid()) is null then
    return new;
  end if;
  if new.board_id is distinct from old.board_id or new.created_by is distinct from old.created_by
     or new.created_at is distinct from old.created_at then
    raise exception 'papers: board, author and creation time are fixed' using errcode = '42501';
  end if;
  if (new.visibility is distinct from old.visibility or new.board_access is distinct from old.board_access
      or ((new.status = 'archived') is distinct from (old.status = 'archived')))
     and not public.can_manage_paper(old.id) then
    raise exception 'papers: only the office or the author change access or archive' using errcode = '42501';
  end if;
  return new;
end
$$;

revoke all on function public.papers_guard_update() from public, anon, authenticated;

create trigger papers_guard_update before update on public.papers
  for each row execute function public.papers_guard_update();

create index papers_created_by_idx on public.papers (created_by);

drop policy papers_delete on public.papers;
create policy papers_delete on public.papers for delete to authenticated
  using (public.can_manage_paper(id));

drop policy paper_access_insert on public.paper_access;
drop policy paper_access_update on public.paper_access;
drop policy paper_access_delete on public.paper_access;
create policy paper_access_insert on public.paper_access for insert to authenticated
  with check (public.can_manage_paper(paper_id) and public.is_paper_board_member(paper_id, user_id));
create policy paper_access_update on public.paper_access for update to authenticated
  using (public.can_manage_paper(paper_id))
  with check (public.can_manage_paper(paper_id) and public.is_paper_board_member(paper_id, user_id));
create policy paper_access_delete on public.paper_access for delete to authenticated
  using (public.can_manage_paper(paper_id));
