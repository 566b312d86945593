-- Agenda changes after publication are told in batches: each change waits (notified_at null) until the
-- agenda has been quiet for a while (a job) or the office sends the pending ones; then one notification
-- per person covers the whole batch.
alter table public.agenda_changes add column notified_at timestamptz;
-- Changes recorded before batching existed were told at once.
update public.agenda_changes set notified_at = created_at where notified_at is null;
create index agenda_changes_pending_idx on public.agenda_changes (meeting_id, created_at) where notified_at is null;

-- The office marks its meeting's pending changes as told; nothing else of a record may change.
grant update (notified_at) on public.agenda_changes to authenticated;
create policy agenda_changes_update on public.agenda_changes for update to authenticated
  using (public.has_board_role(public.meeting_board_of(meeting_id), '{office}'))
  with check (public.has_board_role(public.meeting_board_of(meeting_id), '{office}'));
