-- Date polls are announced: an invitation when the poll is created and one reminder per person
-- before the deadline (both are notifications; the per-person dedupe key keeps each one single).
alter table public.notifications drop constraint notifications_kind_check;
alter table public.notifications add constraint notifications_kind_check check (kind in (
  'meeting-invitation', 'meeting-changed', 'meeting-cancelled', 'agenda-changed', 'minutes-review',
  'vote-opened', 'vote-reminder', 'comment-mention', 'task-assigned', 'task-reminder',
  'poll-invitation', 'poll-reminder'));
