-- Demo data: the board "Wirtschaft.Hamm.2030" with one fictional account per role.
-- Every account's password is "beirat-demo" (bcrypt, as GoTrue stores it). Only seeded with DEMO_DATA=1
-- (or by `supabase db reset` on a development project). Idempotent.

insert into auth.users (id, aud, role, email, encrypted_password, email_confirmed_at, raw_app_meta_data, raw_user_meta_data)
select id::uuid, 'authenticated', 'authenticated', email,
       '$2a$10$1bj1bOKIxfwX82WwbvH5X.ZCKaTSdJYY8mfqRMDmgdBB0cPFVg/iO', now(),
       '{"provider":"email","providers":["email"]}'::jsonb, '{}'::jsonb
from (values
  ('00000000-0000-4000-8000-000000000001', 'admin@beirat.example'),
  ('00000000-0000-4000-8000-000000000002', 'office@beirat.example'),
  ('00000000-0000-4000-8000-000000000003', 'chair@beirat.example'),
  ('00000000-0000-4000-8000-000000000004', 'member@beirat.example'),
  ('00000000-0000-4000-8000-000000000005', 'member2@beirat.example'),
  ('00000000-0000-4000-8000-000000000006', 'advisor@beirat.example'),
  ('00000000-0000-4000-8000-000000000007', 'guest@beirat.example')
) as demo (id, email)
on conflict (id) do nothing;

-- On Supabase, GoTrue also needs an identity per account and empty strings in its token columns.
do $$
begin
  if to_regclass('auth.identities') is not null then
    execute $sql$
      insert into auth.identities (id, user_id, provider_id, identity_data, provider, last_sign_in_at, created_at, updated_at)
      select gen_random_uuid(), u.id, u.id::text, jsonb_build_object('sub', u.id::text, 'email', u.email), 'email', now(), now(), now()
      from auth.users u
      where u.email like '%@beirat.example'
        and not exists (select 1 from auth.identities i where i.user_id = u.id and i.provider = 'email')
    $sql$;
    execute $sql$
      update auth.users set instance_id = '00000000-0000-0000-0000-000000000000',
        confirmation_token = '', recovery_token = '', email_change_token_new = '', email_change = ''
      where email like '%@beirat.example' and confirmation_token is null
    $sql$;
  end if;
end
$$;

-- listed_publicly: who agreed to be named on the public pages (#14); Dr. Aylin Demir and the guest did not.
insert into public.profiles (user_id, email, display_name, organisation, "function", locale, listed_publicly)
values
  ('00000000-0000-4000-8000-000000000001', 'admin@beirat.example', 'Tobias Krämer', 'Stadt Hamm – IT-Betrieb (Demo)', 'Plattform-Administration', 'de', false),
  ('00000000-0000-4000-8000-000000000002', 'office@beirat.example', 'Sabine Wolter', 'Stadt Hamm – Büro der Oberbürgermeisterin (Demo)', 'Geschäftsstelle', 'de', true),
  ('00000000-0000-4000-8000-000000000003', 'chair@beirat.example', 'Dr. Helena Vossberg', 'Stadt Hamm (Demo)', 'Oberbürgermeisterin', 'de', true),
  ('00000000-0000-4000-8000-000000000004', 'member@beirat.example', 'Jonas Albers', 'Albers Logistik GmbH (Demo)', 'Geschäftsführer', 'de', true),
  ('00000000-0000-4000-8000-000000000005', 'member2@beirat.example', 'Dr. Aylin Demir', 'Hochschule (Demo)', 'Vizepräsidentin Transfer', 'de', false),
  ('00000000-0000-4000-8000-000000000006', 'advisor@beirat.example', 'Petra Schulte-Holtkamp', 'Jobcenter (Demo)', 'Geschäftsführung', 'de', true),
  ('00000000-0000-4000-8000-000000000007', 'guest@beirat.example', 'Lukas Brenner', 'Gründerzentrum (Demo)', 'Gast', 'en', false)
on conflict (user_id) do nothing;

insert into public.platform_admins (user_id) values ('00000000-0000-4000-8000-000000000001')
on conflict (user_id) do nothing;

-- The Beirat shows its public part to citizens (#14: /p/<board>, OParl); the working group does not.
insert into public.boards (id, slug, name, is_public)
values
  ('00000000-0000-4000-8000-0000000000b1', 'wirtschaft-hamm-2030', 'Wirtschaft.Hamm.2030', true),
  ('00000000-0000-4000-8000-0000000000b2', 'ag-fachkraefte', 'AG Fachkräfte', false)
on conflict (id) do nothing;

-- The Beirat's term (OParl LegislativeTerm, #14): appointed for the council's term after the 2025 local elections.
update public.boards set term_name = 'Amtszeit 2025–2030', term_starts_on = '2025-11-01', term_ends_on = '2030-10-31'
where id = '00000000-0000-4000-8000-0000000000b1' and term_name is null;

insert into public.memberships (board_id, user_id, role, active, invited_at, joined_at)
values
  ('00000000-0000-4000-8000-0000000000b1', '00000000-0000-4000-8000-000000000002', 'office', true, now() - interval '90 days', now() - interval '89 days'),
  ('00000000-0000-4000-8000-0000000000b1', '00000000-0000-4000-8000-000000000003', 'chair', true, now() - interval '90 days', now() - interval '88 days'),
  ('00000000-0000-4000-8000-0000000000b1', '00000000-0000-4000-8000-000000000004', 'member', true, now() - interval '90 days', now() - interval '85 days'),
  ('00000000-0000-4000-8000-0000000000b1', '00000000-0000-4000-8000-000000000005', 'member', true, now() - interval '90 days', now() - interval '80 days'),
  ('00000000-0000-4000-8000-0000000000b1', '00000000-0000-4000-8000-000000000006', 'advisor', true, now() - interval '90 days', now() - interval '80 days'),
  ('00000000-0000-4000-8000-0000000000b1', '00000000-0000-4000-8000-000000000007', 'guest', true, now() - interval '10 days', now() - interval '9 days'),
  ('00000000-0000-4000-8000-0000000000b2', '00000000-0000-4000-8000-000000000002', 'office', true, now() - interval '60 days', now() - interval '60 days'),
  ('00000000-0000-4000-8000-0000000000b2', '00000000-0000-4000-8000-000000000004', 'member', true, now() - interval '60 days', now() - interval '58 days'),
  ('00000000-0000-4000-8000-0000000000b2', '00000000-0000-4000-8000-000000000006', 'member', true, now() - interval '60 days', now() - interval '58 days')
on conflict (board_id, user_id) do nothing;

-- ─── papers (demo) ─────────────────────────────────────────────────────────────────────────────
-- Two strategy papers of the demo board. Their Yjs content starts empty (the editor opens an empty
-- document); the collaboration server's API can fill it later. The guest is named on the first
-- paper only (view), so the restricted one stays invisible to them.
insert into public.papers (id, board_id, title, status, tags, visibility, board_access, created_by, created_at, updated_by, updated_at)
values
  ('00000000-0000-4000-8000-000000000a01', '00000000-0000-4000-8000-0000000000b1', 'Handlungsfeld Innovation und Gründungen',
   'discussion', '{Innovation,Gründungen,Strategie 2030}', 'board', 'edit',
   '00000000-0000-4000-8000-000000000002', now() - interval '20 days', '00000000-0000-4000-8000-000000000004', now() - interval '2 days'),
  ('00000000-0000-4000-8000-000000000a02', '00000000-0000-4000-8000-0000000000b1', 'Vertraulich: Flächenreserve Ansiedlung Nord',
   'draft', '{Flächen,vertraulich}', 'restricted', 'view',
   '00000000-0000-4000-8000-000000000002', now() - interval '5 days', '00000000-0000-4000-8000-000000000002', now() - interval '5 days')
on conflict (id) do nothing;

insert into public.paper_access (paper_id, user_id, access)
values
  ('00000000-0000-4000-8000-000000000a01', '00000000-0000-4000-8000-000000000007', 'view'),
  ('00000000-0000-4000-8000-000000000a02', '00000000-0000-4000-8000-000000000003', 'edit'),
  ('00000000-0000-4000-8000-000000000a02', '00000000-0000-4000-8000-000000000004', 'comment')
on conflict (paper_id, user_id) do nothing;
-- ─── end papers ────────────────────────────────────────────────────────────────────────────────

-- ─── meetings (demo) ───────────────────────────────────────────────────────────────────────────
-- Before the agenda block on purpose: agenda items refer to these two meetings. Times are relative
-- to the seeding day at 16:00 Berlin time.
insert into public.meetings (id, board_id, title, description, starts_at, ends_at, location, status, agenda_published_at, created_by)
values
  ('00000000-0000-4000-8000-0000000000c1', '00000000-0000-4000-8000-0000000000b1', '3. Sitzung des Beirats',
   'Bericht der Geschäftsstelle und erste Ergebnisse der AG Fachkräfte.',
   (date_trunc('day', now() at time zone 'Europe/Berlin') - interval '21 days' + interval '16 hours') at time zone 'Europe/Berlin',
   (date_trunc('day', now() at time zone 'Europe/Berlin') - interval '21 days' + interval '18 hours') at time zone 'Europe/Berlin',
   'Technisches Rathaus Hamm, Sitzungssaal', 'held', now() - interval '35 days', '00000000-0000-4000-8000-000000000002'),
  ('00000000-0000-4000-8000-0000000000c2', '00000000-0000-4000-8000-0000000000b1', '4. Sitzung des Beirats',
   'Schwerpunkt: Innovation und Gründungen.',
   (date_trunc('day', now() at time zone 'Europe/Berlin') + interval '14 days' + interval '16 hours') at time zone 'Europe/Berlin',
   (date_trunc('day', now() at time zone 'Europe/Berlin') + interval '14 days' + interval '18 hours') at time zone 'Europe/Berlin',
   'Technisches Rathaus Hamm, Gustav-Heinemann-Straße 10, 59065 Hamm', 'invited', now() - interval '2 days', '00000000-0000-4000-8000-000000000002')
on conflict (id) do nothing;

-- The demo guest is invited to the upcoming meeting only.
insert into public.meeting_guests (meeting_id, user_id)
values ('00000000-0000-4000-8000-0000000000c2', '00000000-0000-4000-8000-000000000007')
on conflict do nothing;

insert into public.meeting_attendance (meeting_id, user_id, board_id, present, recorded_by)
select '00000000-0000-4000-8000-0000000000c1', v.user_id::uuid, '00000000-0000-4000-8000-0000000000b1', v.present, '00000000-0000-4000-8000-000000000002'
from (values
  ('00000000-0000-4000-8000-000000000003', true),
  ('00000000-0000-4000-8000-000000000004', true),
  ('00000000-0000-4000-8000-000000000005', true),
  ('00000000-0000-4000-8000-000000000006', false)
) as v (user_id, present)
on conflict do nothing;

insert into public.meeting_rsvps (meeting_id, user_id, board_id, response)
values ('00000000-0000-4000-8000-0000000000c2', '00000000-0000-4000-8000-000000000003', '00000000-0000-4000-8000-0000000000b1', 'attending')
on conflict do nothing;
-- ─── end meetings ──────────────────────────────────────────────────────────────────────────────

-- ─── agenda (demo) ─────────────────────────────────────────────────────────────────────────────
-- Agendas of the demo meetings c1 (past) and c2 (upcoming), both published. Guarded: a no-op until
-- the meetings block has created those meetings (it must stay ABOVE this block), and it only fills
-- empty agendas. c2 has one non-public item, which guests never see.
insert into public.agenda_items (id, meeting_id, position, is_sub_item, title, description, kind, is_public, presenter_text, presenter_user_id, planned_minutes)
select v.id::uuid, v.meeting_id::uuid, v.position, v.sub, v.title, v.description, v.kind::public.agenda_item_kind, v.is_public, v.presenter_text, v.presenter::uuid, v.minutes
from (values
  ('00000000-0000-4000-8000-0000000a0101', '00000000-0000-4000-8000-0000000000c1', 0, false, 'Eröffnung und Begrüßung', '', 'information', true, 'Dr. Helena Vossberg', null, 5),
  ('00000000-0000-4000-8000-0000000a0102', '00000000-0000-4000-8000-0000000000c1', 1, false, 'Genehmigung des Protokolls der letzten Sitzung', '', 'decision', true, null, null, 5),
  ('00000000-0000-4000-8000-0000000a0103', '00000000-0000-4000-8000-0000000000c1', 2, false, 'Bericht der Geschäftsstelle', 'Stand der Umsetzung der Wirtschaftsstrategie Hamm 2030.', 'information', true, null, '00000000-0000-4000-8000-000000000002', 20),
  ('00000000-0000-4000-8000-0000000a0104', '00000000-0000-4000-8000-0000000000c1', 3, false, 'Handlungsfeld Fachkräfte', 'Erste Ergebnisse der AG Fachkräfte.', 'discussion', true, null, null, 30),
  ('00000000-0000-4000-8000-0000000a0105', '00000000-0000-4000-8000-0000000000c1', 4, false, 'Verschiedenes', '', 'discussion', true, null, null, 10),
  ('00000000-0000-4000-8000-0000000a0201', '00000000-0000-4000-8000-0000000000c2', 0, false, 'Eröffnung und Begrüßung', '', 'information', true, 'Dr. Helena Vossberg', null, 5),
  ('00000000-0000-4000-8000-0000000a0202', '00000000-0000-4000-8000-0000000000c2', 1, false, 'Genehmigung des Protokolls der letzten Sitzung', '', 'decision', true, null, null, 5),
  ('00000000-0000-4000-8000-0000000a0203', '00000000-0000-4000-8000-0000000000c2', 2, false, 'Handlungsfeld Innovation und Gründungen', 'Beratung des Strategiepapiers und Beschluss über die Schwerpunkte 2027.', 'decision', true, null, '00000000-0000-4000-8000-000000000005', 30),
  ('00000000-0000-4000-8000-0000000a0204', '00000000-0000-4000-8000-0000000000c2', 3, true, 'Gründungsstipendium Hamm', 'Vorschlag der Hochschule für ein gemeinsames Stipendienprogramm.', 'discussion', true, null, '00000000-0000-4000-8000-000000000005', 15),
  ('00000000-0000-4000-8000-0000000a0205', '00000000-0000-4000-8000-0000000000c2', 4, false, 'Fachkräftesicherung mit dem Jobcenter', 'Gemeinsame Initiative für Ausbildung und Weiterbildung.', 'discussion', true, null, '00000000-0000-4000-8000-000000000006', 25),
  ('00000000-0000-4000-8000-0000000a0206', '00000000-0000-4000-8000-0000000000c2', 5, false, 'Personalangelegenheiten der Geschäftsstelle', 'Nicht öffentlich: Nachbesetzung der Referentenstelle.', 'decision', false, null, '00000000-0000-4000-8000-000000000003', 15),
  ('00000000-0000-4000-8000-0000000a0207', '00000000-0000-4000-8000-0000000000c2', 6, false, 'Verschiedenes', '', 'discussion', true, null, null, 10)
) as v (id, meeting_id, position, sub, title, description, kind, is_public, presenter_text, presenter, minutes)
where exists (select 1 from public.meetings m where m.id = v.meeting_id::uuid)
  and not exists (select 1 from public.agenda_items i where i.meeting_id = v.meeting_id::uuid and i.id <> v.id::uuid)
on conflict (id) do nothing;

insert into public.agenda_settings (meeting_id, prefilled_at)
select m.id, now() from public.meetings m
where m.id in ('00000000-0000-4000-8000-0000000000c1', '00000000-0000-4000-8000-0000000000c2')
on conflict (meeting_id) do nothing;

insert into public.agenda_item_papers (item_id, paper_id, meeting_id, created_by)
select '00000000-0000-4000-8000-0000000a0203', '00000000-0000-4000-8000-000000000a01', '00000000-0000-4000-8000-0000000000c2', '00000000-0000-4000-8000-000000000002'
where exists (select 1 from public.agenda_items i where i.id = '00000000-0000-4000-8000-0000000a0203')
  and exists (select 1 from public.papers p where p.id = '00000000-0000-4000-8000-000000000a01')
on conflict (item_id, paper_id) do nothing;

insert into public.agenda_proposals (id, meeting_id, proposed_by, title, description, kind, created_at)
select '00000000-0000-4000-8000-0000000a0301', '00000000-0000-4000-8000-0000000000c2', '00000000-0000-4000-8000-000000000004',
  'Logistikflächen am Datteln-Hamm-Kanal', 'Bitte um einen kurzen Bericht zum Stand der Flächenentwicklung.', 'discussion', now() - interval '1 day'
where exists (select 1 from public.meetings m where m.id = '00000000-0000-4000-8000-0000000000c2')
on conflict (id) do nothing;
-- ─── end agenda ────────────────────────────────────────────────────────────────────────────────
