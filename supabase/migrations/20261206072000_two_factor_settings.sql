-- Two-factor settings (#17): the office switches the board's requirement, a platform admin the platform's.
-- Boards and platform settings stay closed to direct updates by these roles; these functions are the way.
-- Turning a requirement off is itself a sensitive write: it needs aal2 while the requirement holds.

create function public.set_board_two_factor(p_board uuid, p_required boolean) returns boolean
language plpgsql volatile security definer set search_path = '' as $$
begin
  if not public.has_board_role(p_board, '{office}') or not public.assurance_allows(p_board) then
    return false;
  end if;
  update public.boards set require_two_factor = p_required where id = p_board;
  return true;
end
$$;
revoke all on function public.set_board_two_factor(uuid, boolean) from public, anon;
grant execute on function public.set_board_two_factor(uuid, boolean) to authenticated;

create function public.set_platform_two_factor(p_required boolean) returns boolean
language plpgsql volatile security definer set search_path = '' as $$
begin
  if not public.is_platform_admin() or not public.assurance_allows(null) then
    return false;
  end if;
  update public.platform_settings set require_two_factor = p_required, updated_at = now();
  return true;
end
$$;
revoke all on function public.set_platform_two_factor(boolean) from public, anon;
grant execute on function public.set_platform_two_factor(boolean) to authenticated;

-- Publication is a sensitive write too: the board's public switch needs aal2 where it is required.
create or replace function public.set_board_public(p_board uuid, p_public boolean) returns boolean
language plpgsql volatile security definer set search_path = '' as $$
begin
  if not public.has_board_role(p_board, '{office}') or not public.assurance_allows(p_board) then
    return false;
  end if;
  update public.boards set is_public = p_public where id = p_board;
  return true;
end
$$;
