; Inno Setup script for mite-tray (built by packaging/build.py on Windows):
;   iscc /DVersion=0.1.0 /DBundle=dist\bundle\mite-tray /DIcon=build\icons\mite-tray.ico /Odist mite-tray.iss
; Per-user install (no admin rights), Start-menu entry, optional start at login, clean uninstall.

#ifndef Version
  #define Version "0.0.0"
#endif

[Setup]
AppId={{6F0D9A52-3C1B-4E8F-9B7A-5D2E8C4A1F36}
AppName=mite-tray
AppVersion={#Version}
AppPublisher=mite-tray developers
AppPublisherURL=https://github.com/mite-tray/mite-tray
DefaultDirName={localappdata}\Programs\mite-tray
DefaultGroupName=mite-tray
DisableProgramGroupPage=yes
PrivilegesRequired=lowest
OutputBaseFilename=mite-tray-{#Version}-windows-setup
SetupIconFile={#Icon}
UninstallDisplayIcon={app}\mite-tray.exe
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
CloseApplications=yes

[Languages]
Name: "en"; MessagesFile: "compiler:Default.isl"
Name: "de"; MessagesFile: "compiler:Languages\German.isl"

[CustomMessages]
en.StartAtLogin=Start mite-tray when I log in
de.StartAtLogin=mite-tray beim Anmelden starten
en.AddToPath=Add the mite-tray-cli command to PATH
de.AddToPath=Befehl mite-tray-cli zum PATH hinzufügen

[Tasks]
Name: "startatlogin"; Description: "{cm:StartAtLogin}"
Name: "addtopath"; Description: "{cm:AddToPath}"; Flags: unchecked

[Files]
Source: "{#Bundle}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{group}\mite-tray"; Filename: "{app}\mite-tray.exe"
Name: "{group}\{cm:UninstallProgram,mite-tray}"; Filename: "{uninstallexe}"

[Registry]
; The same value the app's own "Start at login" switch writes (app/platform/autostart/windows.py),
; so the settings show it, and Task Manager can turn it off.
Root: HKCU; Subkey: "Software\Microsoft\Windows\CurrentVersion\Run"; ValueType: string; ValueName: "mite-tray"; \
  ValueData: """{app}\mite-tray.exe"""; Tasks: startatlogin; Flags: uninsdeletevalue
Root: HKCU; Subkey: "Environment"; ValueType: expandsz; ValueName: "Path"; ValueData: "{olddata};{app}"; \
  Tasks: addtopath; Check: NeedsAddPath(ExpandConstant('{app}'))

[Run]
Filename: "{app}\mite-tray.exe"; Description: "{cm:LaunchProgram,mite-tray}"; Flags: nowait postinstall skipifsilent

[UninstallRun]
Filename: "{app}\mite-tray-cli.exe"; Parameters: "quit"; Flags: runhidden; RunOnceId: "QuitApp"

[UninstallDelete]
; Only what the installer put there; settings and the local store stay unless the user removes them.
Type: filesandordirs; Name: "{app}"

[Code]
function NeedsAddPath(Dir: string): Boolean;
var
  Path: string;
begin
  if not RegQueryStringValue(HKCU, 'Environment', 'Path', Path) then
    Path := '';
  Result := Pos(';' + Uppercase(Dir) + ';', ';' + Uppercase(Path) + ';') = 0;
end;

procedure CurUninstallStepChanged(CurUninstallStep: TUninstallStep);
var
  Path: string;
  Dir: string;
begin
  { The Run value is removed whether the installer or the app's own switch wrote it. }
  if CurUninstallStep = usPostUninstall then
  begin
    RegDeleteValue(HKCU, 'Software\Microsoft\Windows\CurrentVersion\Run', 'mite-tray');
    RegDeleteValue(HKCU, 'Software\Microsoft\Windows\CurrentVersion\Explorer\StartupApproved\Run', 'mite-tray');
    Dir := ExpandConstant('{app}');
    if RegQueryStringValue(HKCU, 'Environment', 'Path', Path) then
    begin
      StringChangeEx(Path, ';' + Dir, '', True);
      RegWriteExpandStringValue(HKCU, 'Environment', 'Path', Path);
    end;
  end;
end;
