-- Public files' bytes (#14): signed-out visitors read the objects of public files through Storage under RLS,
-- like every other read of the public subset (20261206020000_publication.sql). On Supabase the app downloads
-- them with the anon key, so Storage's own RLS decides; the embedded adapter asks storage.objects as `anon` in
-- the request's transaction before it reads the disk. Only the object of a public file's current version is
-- readable: older versions, the library and non-public items stay closed.

-- The object of a public file's current version (board and file from the object name's folders, as
-- can_see_file_object does for members).
create function public.is_public_file_object(p_name text) returns boolean
language plpgsql stable security definer set search_path = '' as $$
begin
  return (
    select exists (
      select 1 from public.files f
      join public.file_versions v on v.file_id = f.id and v.version = f.current_version and v.object_name = p_name
      where f.id = public.object_file(p_name) and f.board_id = public.object_board(p_name)
        and public.is_public_file(f.board_id, f.agenda_item_id)
    )
  );
end
$$;

revoke all on function public.is_public_file_object(text) from public, anon;
grant execute on function public.is_public_file_object(text) to anon, authenticated, service_role;

-- Supabase grants the API roles every table privilege on storage.objects (RLS decides); the embedded platform
-- bootstrap grants anon none, so add the read where it is missing.
do $$
begin
  if not has_table_privilege('anon', 'storage.objects', 'select') then
    grant select on storage.objects to anon;
  end if;
end
$$;

create policy board_files_objects_select_public on storage.objects for select to anon
  using (bucket_id = 'board-files' and public.is_public_file_object(name));

-- The public calendar (/p/<board>/meetings.ics) carries each meeting's iCalendar SEQUENCE, so subscribed
-- calendars take a moved or cancelled meeting as an update; the number says nothing beyond that.
grant select (sequence) on public.meetings to anon;
