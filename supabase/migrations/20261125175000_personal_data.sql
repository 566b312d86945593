-- Personal data (DSGVO): removal of a member by a platform admin and the registry that lets formal
-- records outlive an account.
--
-- The formal records of the board (attendance, votes, conflict declarations, decision log, minutes,
-- comments and papers someone wrote) must stay when a person's account is deleted, but most of their
-- columns referenced auth.users with ON DELETE CASCADE (the rows would vanish and vote results would
-- change) or with no action (decision_entries: deleting the account would fail). Those columns now
-- reference public.person_refs, a registry of every account id ever created that is never deleted.
-- The id that stays behind is a pseudonym: the account, e-mail address and name are gone, and the
-- profile row is kept only as "ehemaliges Mitglied" so every view that joins profiles shows that.
-- Purely personal rows (memberships, RSVPs, date-poll answers, calendar token, notifications, …)
-- are deleted at once. README "Personal data (DSGVO)" describes the same rules.

create table public.person_refs (
  user_id uuid primary key,
  created_at timestamptz not null default now(),
  -- Set once the person was removed (by an admin or by deleting the account at the auth provider).
  removed_at timestamptz
);

-- Only the functions below (security definer) write it; foreign key checks need no privileges.
revoke all on public.person_refs from public, anon, authenticated, service_role;
grant select on public.person_refs to service_role;
alter table public.person_refs enable row level security;

insert into public.person_refs (user_id, created_at)
  select u.id, coalesce(u.created_at, now()) from auth.users u
  on conflict (user_id) do nothing;

create function public.person_refs_register() returns trigger
language plpgsql security definer set search_path = '' as $$
begin
  insert into public.person_refs (user_id) values (new.id) on conflict (user_id) do nothing;
  return new;
end
$$;
create trigger person_refs_register after insert on auth.users
  for each row execute function public.person_refs_register();

-- A removed person's profile: kept as a pseudonym so names resolve to "ehemaliges Mitglied".
alter table public.profiles add column removed_at timestamptz;
-- A removed person has no address: mail code that skips people without one sends them nothing.
alter table public.profiles alter column email drop not null;
alter table public.profiles add constraint profiles_email_present check (email is not null or removed_at is not null);
create index profiles_removed_idx on public.profiles (user_id) where removed_at is not null;
-- Everyone signed in may read the pseudonym rows: they hold no personal data.
create policy profiles_select_removed on public.profiles for select to authenticated
  using (removed_at is not null);

-- Re-point the columns of formal records from auth.users to the registry (no cascade, no set null).
-- Constraint names are looked up, not assumed; tables of other areas that may not exist are skipped.
do $$
declare
  r record;
  v_con text;
begin
  for r in select * from (values
    ('profiles', 'user_id', true),
    ('meeting_attendance', 'user_id', true),
    ('agenda_items', 'presenter_user_id', true),
    ('agenda_proposals', 'proposed_by', true),
    ('agenda_changes', 'changed_by', true),
    ('agenda_conflicts', 'user_id', true),
    ('papers', 'created_by', true),
    ('papers', 'updated_by', true),
    ('comment_threads', 'created_by', true),
    ('comment_threads', 'resolved_by', true),
    ('comments', 'author_id', true),
    ('paper_versions', 'created_by', true),
    ('decision_entries', 'recorded_by', true),
    ('tasks', 'created_by', true),
    ('vote_voters', 'user_id', true),
    ('vote_participation', 'user_id', true),
    ('vote_choices', 'user_id', true),
    ('minutes', 'approved_by', true),
    ('files', 'created_by', false),
    ('file_versions', 'uploaded_by', false)
  ) as t (tbl, col, required) loop
    if to_regclass(format('public.%I', r.tbl)) is null then
      if r.required then raise exception 'personal_data: table % missing', r.tbl; end if;
      continue;
    end if;
    select c.conname into v_con
    from pg_constraint c
    join pg_attribute a on a.attrelid = c.conrelid and a.attnum = c.conkey[1]
    where c.contype = 'f' and c.conrelid = format('public.%I', r.tbl)::regclass
      and c.confrelid = 'auth.users'::regclass and cardinality(c.conkey) = 1 and a.attname = r.col;
    if v_con is null then
      if r.required then raise exception 'personal_data: no foreign key %.% -> auth.users', r.tbl, r.col; end if;
      continue;
    end if;
    execute format('alter table public.%I drop constraint %I', r.tbl, v_con);
    execute format('alter table public.%I add constraint %I foreign key (%I) references public.person_refs (user_id)',
      r.tbl, left(r.tbl || '_' || r.col || '_person_fkey', 63), r.col);
  end loop;
end
$$;

-- Deletes what is personal only and pseudonymises the profile. Idempotent; called by remove_member()
-- and after an account is deleted at the auth provider (so deleting a user in the Supabase dashboard
-- has the same effect). Tables of other areas are touched only when they exist.
create function public.forget_person(p_user uuid) returns void
language plpgsql security definer set search_path = '' as $$
declare
  v_email text;
  v_table text;
begin
  select coalesce((select p.email from public.profiles p where p.user_id = p_user and p.removed_at is null),
                  (select u.email from auth.users u where u.id = p_user)) into v_email;
  insert into public.person_refs (user_id, removed_at) values (p_user, now())
    on conflict (user_id) do update set removed_at = coalesce(public.person_refs.removed_at, now());
  delete from public.memberships where user_id = p_user;
  delete from public.platform_admins where user_id = p_user;
  delete from public.meeting_guests where user_id = p_user;
  delete from public.meeting_rsvps where user_id = p_user;
  delete from public.poll_answers where user_id = p_user;
  delete from public.poll_participants where user_id = p_user;
  delete from public.calendar_tokens where user_id = p_user;
  delete from public.reminder_sent where user_id = p_user;
  delete from public.paper_access where user_id = p_user;
  delete from public.comment_mentions where user_id = p_user;
  -- An action item stays with the office rather than with nobody (a task needs an owner).
  update public.tasks set owner_id = null, owner_office = true, updated_at = now() where owner_id = p_user;
  foreach v_table in array array['notifications', 'notification_preferences', 'notification_digests'] loop
    if to_regclass(format('public.%I', v_table)) is not null then
      execute format('delete from public.%I where user_id = $1', v_table) using p_user;
    end if;
  end loop;
  if v_email is not null then
    delete from public.invitations where lower(email) = lower(v_email);
    delete from public.mail_outbox where lower(to_email) = lower(v_email);
    delete from public.sign_in_attempts where lower(email) = lower(v_email);
  end if;
  insert into public.profiles (user_id, email, display_name, locale, removed_at)
    values (p_user, null, 'ehemaliges Mitglied', 'de', now())
    on conflict (user_id) do update set email = excluded.email, display_name = excluded.display_name,
      organisation = null, "function" = null, locale = 'de', updated_at = now(),
      removed_at = coalesce(public.profiles.removed_at, now());
end
$$;

create function public.person_refs_account_deleted() returns trigger
language plpgsql security definer set search_path = '' as $$
begin
  perform public.forget_person(old.id);
  return old;
end
$$;
create trigger person_refs_account_deleted after delete on auth.users
  for each row execute function public.person_refs_account_deleted();

-- Removal of a member by a platform admin, in one transaction: the refusals first, then forget_person.
-- The auth account itself is deleted afterwards through the auth port (GoTrue's admin API on Supabase);
-- the trigger above makes that step idempotent with this one.
create function public.remove_member(p_user uuid) returns void
language plpgsql security definer set search_path = '' as $$
begin
  if not public.is_platform_admin() then
    raise exception 'remove_member: forbidden' using errcode = '42501';
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

revoke all on function public.person_refs_register(), public.person_refs_account_deleted(),
  public.forget_person(uuid), public.remove_member(uuid) from public, anon, authenticated;
grant execute on function public.remove_member(uuid) to authenticated;
