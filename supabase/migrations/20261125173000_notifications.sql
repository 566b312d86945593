-- Notifications: one in-app entry per person and event (exactly once: unique dedupe key per person),
-- the person's mail preference per topic, and the daily digest ledger (one digest per person and day).
-- In-app notifications are always on; the preference only decides the mail channel.

create table public.notifications (
  id uuid primary key default gen_random_uuid(),
  user_id uuid not null references auth.users (id) on delete cascade,
  board_id uuid not null references public.boards (id) on delete cascade,
  kind text not null check (kind in (
    'meeting-invitation', 'meeting-changed', 'meeting-cancelled', 'agenda-changed', 'minutes-review',
    'vote-opened', 'vote-reminder', 'comment-mention', 'task-assigned', 'task-reminder')),
  -- Texts are rendered from kind + params in the reader's language (page and digest alike).
  params jsonb not null default '{}' check (jsonb_typeof(params) = 'object'),
  -- A path inside the app ("/b/…"), never an absolute or protocol-relative URL.
  link text not null check (link ~ '^/[^/\\]' and char_length(link) <= 1000),
  dedupe_key text not null check (char_length(dedupe_key) between 1 and 300),
  -- The mail channel chosen when the event happened: mail now, in the daily digest, or none.
  channel text not null check (channel in ('mail', 'digest', 'none')),
  created_at timestamptz not null default now(),
  read_at timestamptz,
  -- When the single mail or the digest carrying this entry went to the outbox.
  mailed_at timestamptz,
  unique (user_id, dedupe_key)
);
create index notifications_user_created_idx on public.notifications (user_id, created_at desc);
create index notifications_unread_idx on public.notifications (user_id) where read_at is null;
create index notifications_digest_idx on public.notifications (user_id, created_at) where channel = 'digest' and mailed_at is null;
create index notifications_board_idx on public.notifications (board_id);

create table public.notification_preferences (
  user_id uuid not null references auth.users (id) on delete cascade,
  topic text not null check (topic in ('invitation', 'agenda', 'minutes', 'vote', 'mention', 'task')),
  channel text not null check (channel in ('mail', 'digest', 'none')),
  updated_at timestamptz not null default now(),
  primary key (user_id, topic)
);

-- The unique key makes "one digest per person and day" hold even when several app nodes run the job.
create table public.notification_digests (
  user_id uuid not null references auth.users (id) on delete cascade,
  day date not null,
  item_count integer not null check (item_count >= 0),
  sent_at timestamptz not null default now(),
  primary key (user_id, day)
);

-- Records one notification for one person. Callers are the domain services inside the acting person's
-- transaction (RLS gives them no insert right: this function is the only way in) or named system tasks
-- (service_role). A signed-in caller must be an active member of the board (or a platform admin); recipients who are no longer
-- active members get nothing. Returns the mail channel when recorded, null when the key already existed.
create function public.notification_record(
  p_user uuid, p_board uuid, p_kind text, p_topic text, p_params jsonb, p_link text, p_dedupe text
) returns text
language plpgsql volatile security definer set search_path = '' as $$
declare
  v_channel text;
  v_recorded text;
begin
  if coalesce((select auth.role()), '') <> 'service_role' then
    if (select auth.uid()) is null or not (
      exists (select 1 from public.memberships m where m.board_id = p_board and m.user_id = (select auth.uid()) and m.active)
      or public.is_platform_admin()
    ) then
      raise exception 'notification_record: not a member of the board' using errcode = '42501';
    end if;
  end if;
  if not exists (select 1 from public.memberships m where m.board_id = p_board and m.user_id = p_user and m.active) then
    return null;
  end if;
  select coalesce((select p.channel from public.notification_preferences p where p.user_id = p_user and p.topic = p_topic), 'mail')
    into v_channel;
  insert into public.notifications (user_id, board_id, kind, params, link, dedupe_key, channel, mailed_at)
  values (p_user, p_board, p_kind, coalesce(p_params, '{}'::jsonb), p_link, p_dedupe, v_channel,
          case when v_channel = 'mail' then now() end)
  on conflict (user_id, dedupe_key) do nothing
  returning channel into v_recorded;
  return v_recorded;
end
$$;
revoke all on function public.notification_record(uuid, uuid, text, text, jsonb, text, text) from public, anon;
grant execute on function public.notification_record(uuid, uuid, text, text, jsonb, text, text) to authenticated, service_role;

revoke all on public.notifications, public.notification_preferences, public.notification_digests
  from public, anon, authenticated, service_role;
grant select on public.notifications to authenticated;
grant update (read_at) on public.notifications to authenticated;
grant select, insert, update, delete on public.notification_preferences to authenticated;
grant all on public.notifications, public.notification_preferences, public.notification_digests to service_role;

alter table public.notifications enable row level security;
alter table public.notification_preferences enable row level security;
alter table public.notification_digests enable row level security;

-- Each person sees and marks read only their own; nobody (not even an admin) reads someone else's.
create policy notifications_select on public.notifications for select to authenticated
  using (user_id = (select auth.uid()));
create policy notifications_update on public.notifications for update to authenticated
  using (user_id = (select auth.uid())) with check (user_id = (select auth.uid()));

create policy notification_preferences_select on public.notification_preferences for select to authenticated
  using (user_id = (select auth.uid()));
create policy notification_preferences_insert on public.notification_preferences for insert to authenticated
  with check (user_id = (select auth.uid()));
create policy notification_preferences_update on public.notification_preferences for update to authenticated
  using (user_id = (select auth.uid())) with check (user_id = (select auth.uid()));
create policy notification_preferences_delete on public.notification_preferences for delete to authenticated
  using (user_id = (select auth.uid()));
-- notification_digests: no policy for authenticated; only the digest job (service_role) touches it.
