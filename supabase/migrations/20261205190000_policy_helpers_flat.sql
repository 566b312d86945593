-- Performance (#13): the row-level policy helpers that run once per row on the hot pages, each as one
-- query without calls to further helpers. (The index the dashboard's mentions query starts from,
-- comment_mentions_user_idx, exists since 20261125174000_dashboard.)
--
-- Every policy already reads the person through `(select auth.uid())` and every helper is `stable`,
-- `security definer`, `search_path = ''` (checked against pg_policies/pg_proc): nothing to change there.
-- What cost the time is nesting: a security definer SQL function is never inlined, and a helper that
-- calls another one starts (and plans) the inner function's query again on every call of the outer one.
-- paper_access_of called has_board_role twice and is_full_member (itself a call of has_board_role) up to
-- three times per paper; can_see_agenda_item went through can_see_meeting / meeting_board_of /
-- is_full_member / has_board_role. Each helper below reads the person's one membership of the board
-- (memberships are unique per board and person) in its own query instead.
--
-- The meaning of every helper is unchanged: each comment names the expression it replaces. A missing
-- membership makes `m.role` null, which the CASE branches treat exactly as the helpers' `false` did.

-- Was: public.has_board_role(p_board, '{office,chair,deputy,member,advisor}').
create or replace function public.is_full_member(p_board uuid) returns boolean
language sql stable security definer set search_path = '' as $$
  select exists (
    select 1 from public.memberships m
    where m.board_id = p_board and m.user_id = (select auth.uid()) and m.active
      and m.role = any ('{office,chair,deputy,member,advisor}'::public.board_role[])
  )
$$;

-- Was: is_full_member(board) or (has_board_role(board, '{guest}') and invited to this meeting).
create or replace function public.can_see_meeting(p_meeting uuid) returns boolean
language sql stable security definer set search_path = '' as $$
  select exists (
    select 1 from public.meetings mt
    join public.memberships m on m.board_id = mt.board_id and m.user_id = (select auth.uid()) and m.active
    where mt.id = p_meeting
      and (
        m.role = any ('{office,chair,deputy,member,advisor}'::public.board_role[])
        or (m.role = 'guest'
            and exists (select 1 from public.meeting_guests g where g.meeting_id = mt.id and g.user_id = (select auth.uid())))
      )
  )
$$;

-- Was: case when p_public then can_see_meeting(p_meeting) else is_full_member(meeting_board_of(p_meeting)) end.
-- A non-public (or null) item: full members of the meeting's board; a public one: also its invited guests.
create or replace function public.can_see_agenda_item(p_meeting uuid, p_public boolean) returns boolean
language sql stable security definer set search_path = '' as $$
  select exists (
    select 1 from public.meetings mt
    join public.memberships m on m.board_id = mt.board_id and m.user_id = (select auth.uid()) and m.active
    where mt.id = p_meeting
      and (
        m.role = any ('{office,chair,deputy,member,advisor}'::public.board_role[])
        or (p_public and m.role = 'guest'
            and exists (select 1 from public.meeting_guests g where g.meeting_id = mt.id and g.user_id = (select auth.uid())))
      )
  )
$$;

-- Was: case when p_item is null then is_full_member(p_board) else exists (the item, whose meeting belongs
-- to p_board, and can_see_agenda_item(its meeting, its is_public)) end.
create or replace function public.can_see_file(p_board uuid, p_item uuid) returns boolean
language sql stable security definer set search_path = '' as $$
  select case when p_item is null then exists (
      select 1 from public.memberships m
      where m.board_id = p_board and m.user_id = (select auth.uid()) and m.active
        and m.role = any ('{office,chair,deputy,member,advisor}'::public.board_role[])
    )
    else exists (
      select 1 from public.agenda_items i
      join public.meetings mt on mt.id = i.meeting_id and mt.board_id = p_board
      join public.memberships m on m.board_id = mt.board_id and m.user_id = (select auth.uid()) and m.active
      where i.id = p_item
        and (
          m.role = any ('{office,chair,deputy,member,advisor}'::public.board_role[])
          or (i.is_public and m.role = 'guest'
              and exists (select 1 from public.meeting_guests g where g.meeting_id = mt.id and g.user_id = (select auth.uid())))
        )
    ) end
$$;

-- As in 20261125162000_minutes, with the membership read once: has_board_role(board, '{office}') is
-- `m.role = 'office'`, "no role at all in the board" is `m.role is null`, is_full_member(board) is
-- `m.role = any (full roles)` (null, i.e. false, without a membership).
create or replace function public.paper_access_of(p_paper uuid) returns public.paper_access_level
language sql stable security definer set search_path = '' as $$
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
      else null
    end as base
    from (select 1) one
    left join public.papers p on p.id = p_paper
    left join public.memberships m on m.board_id = p.board_id and m.user_id = (select auth.uid()) and m.active
    left join public.paper_access a on a.paper_id = p.id and a.user_id = (select auth.uid())
  ) x
$$;
