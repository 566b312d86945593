-- The board's term (OParl LegislativeTerm, 20261206030000_oparl.sql) is set by the office on the board's
-- settings page. Boards stay admin-managed otherwise, so the office writes the three columns through this
-- function only, like the public switch (set_board_public). All three empty clears the term.

create function public.set_board_term(p_board uuid, p_name text, p_starts date, p_ends date) returns boolean
language plpgsql volatile security definer set search_path = '' as $$
begin
  if not public.has_board_role(p_board, '{office}') then
    return false;
  end if;
  update public.boards set term_name = p_name, term_starts_on = p_starts, term_ends_on = p_ends where id = p_board;
  return true;
end
$$;

revoke all on function public.set_board_term(uuid, text, date, date) from public, anon;
grant execute on function public.set_board_term(uuid, text, date, date) to authenticated;
