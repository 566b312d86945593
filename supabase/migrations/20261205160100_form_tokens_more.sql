-- The record, continued: more creating forms carry a one-time token (see 20261205141500_form_tokens.sql).
-- A repeated submit finds the row its token made instead of making a twin or failing; mails go out once.
-- Null for rows written by code without a form: nulls never conflict.

-- Uploads: a form may send several files; each file's row carries a token derived from the form's token
-- and the file's place in the form (the first file the form's token itself).
alter table public.files add column form_token uuid;
create unique index files_form_token_key on public.files (form_token);

-- Member and guest invitations: a renewed open invitation takes the token of the form that renewed it.
alter table public.invitations add column form_token uuid;
create unique index invitations_form_token_key on public.invitations (form_token);

-- A board's guest added to one meeting directly (no invitation link). Adding a guest who is already on
-- the meeting (sending the invitation again) stores the new form's token: the office may change that
-- column only, and only for meetings of its boards.
alter table public.meeting_guests add column form_token uuid;
create unique index meeting_guests_form_token_key on public.meeting_guests (form_token);
revoke update on public.meeting_guests from authenticated;
grant update (form_token) on public.meeting_guests to authenticated;
create policy meeting_guests_update on public.meeting_guests for update to authenticated
  using (exists (select 1 from public.meetings m where m.id = meeting_id and public.has_board_role(m.board_id, '{office}')))
  with check (exists (select 1 from public.meetings m where m.id = meeting_id and public.has_board_role(m.board_id, '{office}')));

-- Boards made by a platform admin.
alter table public.boards add column form_token uuid;
create unique index boards_form_token_key on public.boards (form_token);

-- Minutes and their amendments.
alter table public.minutes add column form_token uuid;
create unique index minutes_form_token_key on public.minutes (form_token);

-- Scheduling a poll (its meeting is created or moved): the token of the form that closed the poll.
alter table public.polls add column schedule_form_token uuid;
create unique index polls_schedule_form_token_key on public.polls (schedule_form_token);
