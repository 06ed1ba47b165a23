; Inno Setup 6 script: the Windows installer for Lapang, made from the one-folder build of
; build_scripts\lapang.spec (dist\lapang\). Build recipe: docs\installers.md, in short
;
;   build\venv\Scripts\python -m PyInstaller --noconfirm --clean --distpath dist ^
;       --workpath build\pyinstaller build_scripts\lapang.spec
;   "%ProgramFiles(x86)%\Inno Setup 6\ISCC.exe" build_scripts\lapang.iss
;
; gives dist\lapang-VERSION-windows-x64-setup.exe. The version comes from the version resource
; the spec stamps into Lapang.exe, so this file never needs editing for a release.
;
; Per-deployment settings: put a deployment.toml beside the setup program (on the USB stick or
; share) and it is installed next to Lapang.exe; without one, an existing deployment.toml is left
; as it is. Silent mass install:  lapang-...-setup.exe /VERYSILENT /SUPPRESSMSGBOXES /NORESTART

#define AppName "Lapang"
#define AppExe "Lapang.exe"
; build_scripts\windows\build.sh names the folder: ISCC /DDistDir=...
#ifndef DistDir
  #define DistDir AddBackslash(SourcePath) + "..\dist\lapang"
#endif
#ifndef AppVersion
  #define AppVersion GetStringFileInfo(DistDir + "\" + AppExe, "ProductVersion")
#endif
; "0.1.0 (1a2b3c4d5e6f)": version and commit, as stamped by the spec.
#define AppBuild GetStringFileInfo(DistDir + "\" + AppExe, "FileVersion")

[Setup]
; Never change AppId: Windows recognises upgrades of the same app by it.
AppId={{21799740-A0E9-404A-8DD7-BE733A158A53}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppBuild}
AppPublisher=Komisi Pemilihan Umum
VersionInfoVersion={#AppVersion}
DefaultDirName={autopf}\{#AppName}
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
; Ask only when Windows' display language is neither Indonesian nor English (see [Languages]).
ShowLanguageDialog=auto
; Admin rights: the program folder, and so deployment.toml, must not be writable by the
; officer's account (an officer must not be able to point the laptop at another server).
PrivilegesRequired=admin
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
MinVersion=10.0
OutputDir=..\dist
OutputBaseFilename=lapang-{#AppVersion}-windows-x64-setup
; Installers travel over slow links: the strongest compression Inno Setup has.
Compression=lzma2/ultra64
SolidCompression=yes
; The 32-bit compiler runs out of memory for ultra64 inside its own process (seen under Wine).
LZMAUseSeparateProcess=yes
WizardStyle=modern
SetupIconFile=windows\lapang.ico
UninstallDisplayIcon={app}\{#AppExe}
; The voters live in the officer's data folder (%LOCALAPPDATA%\KPU\Lapang), never in {app}:
; uninstalling or upgrading the program does not touch the encrypted vault.

[Languages]
; Bahasa Indonesia first: Setup speaks Windows' display language when it is one of these two,
; and otherwise asks with Indonesian preselected (ShowLanguageDialog=auto). Inno Setup ships no
; Indonesian messages: ours are build_scripts\windows\Indonesian.isl. /LANG=id or /LANG=en on
; the command line chooses (a silent install with neither matching uses Indonesian).
Name: "id"; MessagesFile: "windows\Indonesian.isl"
Name: "en"; MessagesFile: "compiler:Default.isl"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"

[Files]
Source: "{#DistDir}\*"; DestDir: "{app}"; Excludes: "deployment.toml"; \
    Flags: ignoreversion recursesubdirs createallsubdirs
; The deployment's settings, when KPU IT put them beside the setup program.
Source: "{src}\deployment.toml"; DestDir: "{app}"; Flags: external skipifsourcedoesntexist
; The keys and certificate it names, by the names deployment.example.toml suggests (kpu_...).
Source: "{src}\kpu_*.pem"; DestDir: "{app}"; Flags: external skipifsourcedoesntexist
Source: "{src}\kpu_*.txt"; DestDir: "{app}"; Flags: external skipifsourcedoesntexist

[InstallDelete]
; A folder left by an older version may hold libraries this build no longer ships.
Type: filesandordirs; Name: "{app}\_internal"

[Icons]
Name: "{autoprograms}\{#AppName}"; Filename: "{app}\{#AppExe}"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\{#AppExe}"; Tasks: desktopicon

[Run]
Filename: "{app}\{#AppExe}"; Description: "{cm:LaunchProgram,{#AppName}}"; \
    Flags: nowait postinstall skipifsilent
