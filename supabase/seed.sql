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

insert into public.profiles (user_id, email, display_name, organisation, "function", locale)
values
  ('00000000-0000-4000-8000-000000000001', 'admin@beirat.example', 'Tobias Krämer', 'Stadt Hamm – IT-Betrieb (Demo)', 'Plattform-Administration', 'de'),
  ('00000000-0000-4000-8000-000000000002', 'office@beirat.example', 'Sabine Wolter', 'Stadt Hamm – Büro der Oberbürgermeisterin (Demo)', 'Geschäftsstelle', 'de'),
  ('00000000-0000-4000-8000-000000000003', 'chair@beirat.example', 'Dr. Helena Vossberg', 'Stadt Hamm (Demo)', 'Oberbürgermeisterin', 'de'),
  ('00000000-0000-4000-8000-000000000004', 'member@beirat.example', 'Jonas Albers', 'Albers Logistik GmbH (Demo)', 'Geschäftsführer', 'de'),
  ('00000000-0000-4000-8000-000000000005', 'member2@beirat.example', 'Dr. Aylin Demir', 'Hochschule (Demo)', 'Vizepräsidentin Transfer', 'de'),
  ('00000000-0000-4000-8000-000000000006', 'advisor@beirat.example', 'Petra Schulte-Holtkamp', 'Jobcenter (Demo)', 'Geschäftsführung', 'de'),
  ('00000000-0000-4000-8000-000000000007', 'guest@beirat.example', 'Lukas Brenner', 'Gründerzentrum (Demo)', 'Gast', 'en')
on conflict (user_id) do nothing;

insert into public.platform_admins (user_id) values ('00000000-0000-4000-8000-000000000001')
on conflict (user_id) do nothing;

insert into public.boards (id, slug, name)
values
  ('00000000-0000-4000-8000-0000000000b1', 'wirtschaft-hamm-2030', 'Wirtschaft.Hamm.2030'),
  ('00000000-0000-4000-8000-0000000000b2', 'ag-fachkraefte', 'AG Fachkräfte')
on conflict (id) do nothing;

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
