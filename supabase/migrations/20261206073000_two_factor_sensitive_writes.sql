-- Two-factor sign-in (#17), the remaining sensitive writes: where a second factor is required, a person's
-- request (JWT role 'authenticated') without aal2 may not write the decision log, publish or withdraw a
-- decision or a paper, or remove a person. Triggers, because the decision log is written by security-definer
-- functions that RLS does not see; they judge the request's claims, so system tasks (service_role) pass.

create function public.require_assurance() returns trigger
language plpgsql set search_path = '' as $$
declare
  v_board uuid;
begin
  if tg_op = 'DELETE' then v_board := old.board_id; else v_board := new.board_id; end if;
  if coalesce(auth.jwt() ->> 'role', '') = 'authenticated' and not public.assurance_allows(v_board) then
    raise exception 'second factor required' using errcode = '42501';
  end if;
  if tg_op = 'DELETE' then return old; end if;
  return new;
end
$$;

create trigger decision_entries_require_assurance before insert on public.decision_entries
  for each row execute function public.require_assurance();
create trigger decision_publications_require_assurance before insert or delete on public.decision_publications
  for each row execute function public.require_assurance();
create trigger papers_publication_require_assurance before update of published_at, published_version_id on public.papers
  for each row when (old.published_at is distinct from new.published_at
                     or old.published_version_id is distinct from new.published_version_id)
  execute function public.require_assurance();

create or replace function public.remove_member(p_user uuid) returns void
language plpgsql security definer set search_path = '' as $$
begin
  if not public.is_platform_admin() then
    raise exception 'remove_member: forbidden' using errcode = '42501';
  end if;
  if not public.assurance_allows(null) then
    raise exception 'remove_member: forbidden without a second factor' using errcode = '42501';
  end if;
  if p_user = (select auth.uid()) then
    raise exception 'remove_member: self' using errcode = 'P0001';
  end if;
  if not exists (select 1 from auth.users u where u.id = p_user) then
    raise exception 'remove_member: not found' using errcode = 'P0002';
  end if;
  -- Lock the person's office memberships' boards so two removals cannot both pass the check.
  perform 1 from public.memberships m
    where m.board_id in (select o.board_id from public.memberships o where o.user_id = p_user and o.active and o.role = 'office')
      and m.role = 'office' and m.active
    for update;
  if exists (
    select 1 from public.memberships m
    where m.user_id = p_user and m.active and m.role = 'office'
      and not exists (select 1 from public.memberships o
                      where o.board_id = m.board_id and o.active and o.role = 'office' and o.user_id <> p_user)
  ) then
    raise exception 'remove_member: last office' using errcode = 'P0001';
  end if;
  perform public.forget_person(p_user);
end
$$;
