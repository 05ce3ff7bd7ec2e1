<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
<context>
    <name>Account</name>
    <message>
        <source>That is another account: use Settings › Switch account… to change accounts.</source>
        <translation>Das ist ein anderer Account: Wechsle ihn über Einstellungen › Account wechseln …</translation>
    </message>
</context>
<context>
    <name>Actions</name>
    <message>
        <source>There is nothing to do.</source>
        <translation>Es gibt nichts zu tun.</translation>
    </message>
    <message>
        <source>“{answer}” is not an answer: use keep, discard, stop or book.</source>
        <translation>„{answer}“ ist keine Antwort: Nimm keep, discard, stop oder book.</translation>
    </message>
    <message>
        <source>There is no entry to continue yet: start a timer from the palette.</source>
        <translation>Es gibt noch keinen Eintrag zum Fortsetzen: Starte eine Stoppuhr aus der Palette.</translation>
    </message>
    <message>
        <source>create “{name}”</source>
        <translation>„{name}“ anlegen</translation>
    </message>
</context>
<context>
    <name>Answers</name>
    <message>
        <source>No question is waiting.</source>
        <translation>Es wartet keine Frage.</translation>
    </message>
    <message>
        <source>The question changed meanwhile: look at it again, then answer.</source>
        <translation>Die Frage hat sich inzwischen geändert: Sieh sie dir noch einmal an und antworte dann.</translation>
    </message>
    <message>
        <source>Choose a project or service to book the away time on.</source>
        <translation>Wähle ein Projekt oder eine Leistung, auf die die Abwesenheit gebucht wird.</translation>
    </message>
    <message>
        <source>That entry is no longer there (deleted in mite?); choose Keep to close the question.</source>
        <translation>Diesen Eintrag gibt es nicht mehr (in mite gelöscht?); wähle Behalten, um die Frage zu schließen.</translation>
    </message>
    <message>
        <source>“{entry}” is locked in mite, so its minutes cannot be changed; choose Keep to close the question.</source>
        <translation>„{entry}“ ist in mite gesperrt, seine Minuten lassen sich nicht ändern; wähle Behalten, um die Frage zu schließen.</translation>
    </message>
    <message>
        <source>The timer no longer runs; keep or discard the away time.</source>
        <translation>Die Stoppuhr läuft nicht mehr; behalte oder verwirf die Abwesenheit.</translation>
    </message>
    <message>
        <source>“{answer}” does not answer this question: {question}</source>
        <translation>„{answer}“ passt nicht zu dieser Frage: {question}</translation>
    </message>
    <message>
        <source>Continued “{entry}”.</source>
        <translation>„{entry}“ fortgesetzt.</translation>
    </message>
    <message>
        <source>Moved the away time ({duration}) from “{entry}” to {target}.</source>
        <translation>Die Abwesenheit ({duration}) von „{entry}“ auf {target} gebucht.</translation>
    </message>
    <message>
        <source>Took the away time ({duration}) off “{entry}”.</source>
        <translation>Die Abwesenheit ({duration}) von „{entry}“ abgezogen.</translation>
    </message>
    <message>
        <source>Stopped “{entry}” at {time}.</source>
        <translation>„{entry}“ um {time} gestoppt.</translation>
    </message>
    <message>
        <source>Kept the away time ({duration}) on “{entry}”.</source>
        <translation>Die Abwesenheit ({duration}) bleibt auf „{entry}“ gebucht.</translation>
    </message>
    <message>
        <source>“{entry}” keeps running.</source>
        <translation>„{entry}“ läuft weiter.</translation>
    </message>
    <message>
        <source>No more reminders until the next timer.</source>
        <translation>Keine Erinnerungen mehr bis zur nächsten Stoppuhr.</translation>
    </message>
</context>
<context>
    <name>App</name>
    <message>
        <source>mite-tray is already running; its window is now shown.</source>
        <translation>mite-tray läuft bereits; sein Fenster wird jetzt angezeigt.</translation>
    </message>
    <message>
        <source>demo account</source>
        <translation>Demo-Account</translation>
    </message>
    <message>
        <source>mite-tray is already running.</source>
        <translation>mite-tray läuft bereits.</translation>
    </message>
    <message>
        <source>Shortcut {shortcut}: {problem}</source>
        <translation>Tastenkürzel {shortcut}: {problem}</translation>
    </message>
</context>
<context>
    <name>Autostart</name>
    <message>
        <source>on</source>
        <translation>an</translation>
    </message>
    <message>
        <source>off</source>
        <translation>aus</translation>
    </message>
    <message>
        <source>switched off in the system&apos;s startup settings</source>
        <translation>in den Autostart-Einstellungen des Systems ausgeschaltet</translation>
    </message>
</context>
<context>
    <name>Budgets</name>
    <message>
        <source>your share {used} of {budget} this month</source>
        <translation>dein Anteil {used} von {budget} in diesem Monat</translation>
    </message>
    <message>
        <source>your share {used} of {budget}</source>
        <translation>dein Anteil {used} von {budget}</translation>
    </message>
    <message>
        <source>{used} of {budget} this month · {percent}%</source>
        <translation>{used} von {budget} in diesem Monat · {percent} %</translation>
    </message>
    <message>
        <source>{used} of {budget} · {percent}%</source>
        <translation>{used} von {budget} · {percent} %</translation>
    </message>
    <message>
        <source>{percent}% of {budget} this month</source>
        <translation>{percent} % von {budget} in diesem Monat</translation>
    </message>
    <message>
        <source>{percent}% of {budget}</source>
        <translation>{percent} % von {budget}</translation>
    </message>
    <message>
        <source>Only your own entries count here: the project&apos;s total use needs an admin or owner of the mite account.</source>
        <translation>Hier zählen nur deine eigenen Einträge: Den Gesamtverbrauch des Projekts sehen nur Admins und Inhaber des mite-Accounts.</translation>
    </message>
    <message>
        <source>{name} is over its monthly budget: {used} of {budget}.</source>
        <translation>{name} hat sein Monatsbudget überschritten: {used} von {budget}.</translation>
    </message>
    <message>
        <source>{name} is over its budget: {used} of {budget}.</source>
        <translation>{name} hat sein Budget überschritten: {used} von {budget}.</translation>
    </message>
    <message>
        <source>{name} has used all of its {budget} monthly budget.</source>
        <translation>{name} hat sein Monatsbudget von {budget} ganz verbraucht.</translation>
    </message>
    <message>
        <source>{name} has used all of its {budget} budget.</source>
        <translation>{name} hat sein Budget von {budget} ganz verbraucht.</translation>
    </message>
    <message>
        <source>{name} has used {percent}% of its {budget} monthly budget ({used}).</source>
        <translation>{name} hat {percent} % seines Monatsbudgets von {budget} verbraucht ({used}).</translation>
    </message>
    <message>
        <source>{name} has used {percent}% of its {budget} budget ({used}).</source>
        <translation>{name} hat {percent} % seines Budgets von {budget} verbraucht ({used}).</translation>
    </message>
</context>
<context>
    <name>Cli</name>
    <message>
        <source>Not signed in to mite. Run `mite-tray login` first (or start `mite-tray --demo`).</source>
        <translation>Nicht bei mite angemeldet. Zuerst `mite-tray login` ausführen (oder `mite-tray --demo` starten).</translation>
    </message>
    <message>
        <source>mite-tray cannot save to {folder} ({reason}), so nothing was done. Free some space or fix the folder, then try again.</source>
        <translation>mite-tray kann nicht in {folder} speichern ({reason}), daher wurde nichts getan. Schaffe Platz oder repariere den Ordner und versuch es dann noch einmal.</translation>
    </message>
    <message>
        <source>Failed.</source>
        <translation>Fehlgeschlagen.</translation>
    </message>
    <message>
        <source>Sign in: mite-tray login</source>
        <translation>Anmelden: mite-tray login</translation>
    </message>
    <message>
        <source>(no project)</source>
        <translation>(kein Projekt)</translation>
    </message>
    <message>
        <source>Not tracking.</source>
        <translation>Keine Stoppuhr läuft.</translation>
    </message>
    <message>
        <source>{question} Answer: mite-tray away {answers}</source>
        <translation>{question} Antworte: mite-tray away {answers}</translation>
    </message>
    <message>
        <source>Today {today} · This week {week}</source>
        <translation>Heute {today} · Diese Woche {week}</translation>
    </message>
    <message>
        <source>Not synced: {problem} This is the last known state.</source>
        <translation>Nicht abgeglichen: {problem} Das ist der zuletzt bekannte Stand.</translation>
    </message>
    <message>
        <source>Offline: this is the last known state.</source>
        <translation>Offline: Das ist der zuletzt bekannte Stand.</translation>
    </message>
    <message>
        <source>Saved here, waiting to be sent to mite: {count}</source>
        <translation>Hier gespeichert, warten auf Übertragung an mite: {count}</translation>
    </message>
    <message>
        <source>Checking whether mite received {count} of them: the answer was lost, so it is looked up in mite before anything is sent again.</source>
        <translation>Prüfe, ob mite {count} davon erhalten hat: Die Antwort ging verloren, darum wird in mite nachgesehen, bevor etwas erneut gesendet wird.</translation>
    </message>
    <message>
        <source>Refused by mite: {reason}</source>
        <translation>Von mite abgelehnt: {reason}</translation>
    </message>
    <message>
        <source>Nothing is lost: fix it in mite, then retry or discard it in the window (mite-tray toggle).</source>
        <translation>Nichts ist verloren: Behebe es in mite, dann versuch es im Fenster erneut oder verwirf es (mite-tray toggle).</translation>
    </message>
    <message>
        <source>mite rejected the API key (changed or revoked?). Sign in again: mite-tray login</source>
        <translation>mite hat den API-Schlüssel abgelehnt (geändert oder widerrufen?). Melde dich erneut an: mite-tray login</translation>
    </message>
    <message>
        <source>--last continues the last entry; leave out the note, project and service.</source>
        <translation>--last setzt den letzten Eintrag fort; Bemerkung, Projekt und Leistung dann bitte weglassen.</translation>
    </message>
    <message>
        <source>Stopped within a minute: nothing booked.</source>
        <translation>Innerhalb einer Minute gestoppt: nichts gebucht.</translation>
    </message>
    <message>
        <source>Stopped.</source>
        <translation>Gestoppt.</translation>
    </message>
    <message>
        <source>No timer was running.</source>
        <translation>Es lief keine Stoppuhr.</translation>
    </message>
    <message>
        <source>Added {duration} on {date} to {what}.</source>
        <translation>{duration} am {date} auf {what} gebucht.</translation>
    </message>
    <message>
        <source>Added {duration} on {date} (no project).</source>
        <translation>{duration} am {date} gebucht (ohne Projekt).</translation>
    </message>
    <message>
        <source>Saved here; it will be sent to mite once you sign in again: mite-tray login</source>
        <translation>Hier gespeichert; es wird an mite gesendet, sobald du dich wieder anmeldest: mite-tray login</translation>
    </message>
    <message>
        <source>Saved here; it will be sent to mite when mite can be reached.</source>
        <translation>Hier gespeichert; es wird an mite gesendet, sobald mite erreichbar ist.</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>Summe</translation>
    </message>
    <message>
        <source>Week {first} – {last}</source>
        <translation>Woche {first} – {last}</translation>
    </message>
    <message>
        <source>of {target}</source>
        <translation>von {target}</translation>
    </message>
    <message>
        <source>gap</source>
        <translation>Lücke</translation>
    </message>
    <message>
        <source>so far</source>
        <translation>bis heute</translation>
    </message>
    <message>
        <source>Gaps: {days}</source>
        <translation>Lücken: {days}</translation>
    </message>
    <message>
        <source>No gaps.</source>
        <translation>Keine Lücken.</translation>
    </message>
    <message>
        <source>Not refreshed: {problem} These are the last known figures.</source>
        <translation>Nicht aktualisiert: {problem} Das sind die zuletzt bekannten Zahlen.</translation>
    </message>
    <message>
        <source>Starting mite-tray…</source>
        <translation>mite-tray wird gestartet …</translation>
    </message>
    <message>
        <source>mite-tray is not running.</source>
        <translation>mite-tray läuft nicht.</translation>
    </message>
    <message>
        <source>Name the account: mite-tray login ACCOUNT (or --url URL).</source>
        <translation>Bitte den Account angeben: mite-tray login ACCOUNT (oder --url URL).</translation>
    </message>
    <message>
        <source>mite account (the NAME in NAME.mite.de): </source>
        <translation>mite-Account (der NAME in NAME.mite.de): </translation>
    </message>
    <message>
        <source>API key (hidden): </source>
        <translation>API-Schlüssel (verdeckt): </translation>
    </message>
    <message>
        <source>Not signed in: the API key is not plain text. Copy it again from mite: Account › My user.</source>
        <translation>Nicht angemeldet: Der API-Schlüssel ist kein einfacher Text. Kopiere ihn noch einmal aus mite: Account › Meine Daten.</translation>
    </message>
    <message>
        <source>Not signed in: {reason}</source>
        <translation>Nicht angemeldet: {reason}</translation>
    </message>
    <message>
        <source>The key was not saved anywhere. Start `mite-tray` and sign in there to keep it for this session only, or set MITE_API_KEY for this shell.</source>
        <translation>Der Schlüssel wurde nirgends gespeichert. Starte `mite-tray` und melde dich dort an, um ihn nur für diese Sitzung zu behalten, oder setze MITE_API_KEY für diese Shell.</translation>
    </message>
    <message>
        <source>Signed in to {account} as {user} ({role}). The key is in your keychain.</source>
        <translation>Bei {account} als {user} ({role}) angemeldet. Der Schlüssel liegt in deinem Schlüsselbund.</translation>
    </message>
    <message>
        <source>MITE_API_KEY is set in this shell: commands run here use it, not the keychain.</source>
        <translation>MITE_API_KEY ist in dieser Shell gesetzt: Befehle von hier nutzen ihn, nicht den Schlüsselbund.</translation>
    </message>
    <message>
        <source>Start at login: {state}.</source>
        <translation>Beim Anmelden starten: {state}.</translation>
    </message>
    <message>
        <source>Not signed in.</source>
        <translation>Nicht angemeldet.</translation>
    </message>
    <message>
        <source>Signed out of {account}; the key was removed from the keychain.</source>
        <translation>Von {account} abgemeldet; der Schlüssel wurde aus dem Schlüsselbund entfernt.</translation>
    </message>
    <message>
        <source>Signed out of {account}.</source>
        <translation>Von {account} abgemeldet.</translation>
    </message>
    <message>
        <source>No project has a budget.</source>
        <translation>Kein Projekt hat ein Budget.</translation>
    </message>
    <message>
        <source>your share</source>
        <translation>dein Anteil</translation>
    </message>
    <message>
        <source>of {budget}</source>
        <translation>von {budget}</translation>
    </message>
    <message>
        <source>this month</source>
        <translation>in diesem Monat</translation>
    </message>
</context>
<context>
    <name>Commands</name>
    <message>
        <source>Unknown command: {cmd}</source>
        <translation>Unbekannter Befehl: {cmd}</translation>
    </message>
    <message>
        <source>“{field}” must be true or false.</source>
        <translation>„{field}“ muss true oder false sein.</translation>
    </message>
    <message>
        <source>“{answer}” is not an answer. Answer with: mite-tray away keep|discard|stop|book|continue (book takes -p PROJECT and/or -s SERVICE, and a note).</source>
        <translation>„{answer}“ ist keine Antwort. Antworte mit: mite-tray away keep|discard|stop|book|continue (book nimmt -p PROJEKT und/oder -s LEISTUNG und eine Notiz).</translation>
    </message>
    <message>
        <source>Say what the away time was: mite-tray away keep|discard|stop|book|continue.</source>
        <translation>Sag, was die Abwesenheit war: mite-tray away keep|discard|stop|book|continue.</translation>
    </message>
    <message>
        <source>Only “book” takes a project, a service or a note.</source>
        <translation>Nur „book“ nimmt ein Projekt, eine Leistung oder eine Notiz.</translation>
    </message>
    <message>
        <source>Say where to book the away time: mite-tray away book -p PROJECT and/or -s SERVICE.</source>
        <translation>Sag, wohin die Abwesenheit gebucht wird: mite-tray away book -p PROJEKT und/oder -s LEISTUNG.</translation>
    </message>
    <message>
        <source>“{duration}” books the minutes that just ended, today; leave out --date, or give the duration without the minus.</source>
        <translation>„{duration}“ bucht die gerade vergangenen Minuten, heute; lass --date weg oder gib die Dauer ohne Minus an.</translation>
    </message>
    <message>
        <source>“{date}” is not a date; use YYYY-MM-DD.</source>
        <translation>„{date}“ ist kein Datum; verwende JJJJ-MM-TT.</translation>
    </message>
    <message>
        <source>The project “{name}” is archived in mite. To book time on it, unarchive it there: under Projects, show the archived ones, edit it and untick “archived”.</source>
        <translation>Das Projekt „{name}“ ist in mite archiviert. Um Zeit darauf zu buchen, hol es dort aus dem Archiv: Unter Projekte die archivierten anzeigen, das Projekt bearbeiten und „archiviert“ abwählen.</translation>
    </message>
    <message>
        <source>The service “{name}” is archived in mite. To book time on it, unarchive it there: under Services, show the archived ones, edit it and untick “archived”.</source>
        <translation>Die Leistung „{name}“ ist in mite archiviert. Um Zeit darauf zu buchen, hol sie dort aus dem Archiv: Unter Leistungen die archivierten anzeigen, die Leistung bearbeiten und „archiviert“ abwählen.</translation>
    </message>
    <message>
        <source>There is no earlier entry to continue.</source>
        <translation>Es gibt keinen früheren Eintrag zum Fortsetzen.</translation>
    </message>
</context>
<context>
    <name>Control</name>
    <message>
        <source>The running mite-tray is a different version than this command. Quit it (mite-tray quit) and start it again, then try again.</source>
        <translation>Das laufende mite-tray ist eine andere Version als dieser Befehl. Beende es (mite-tray quit), starte es neu und versuch es dann noch einmal.</translation>
    </message>
    <message>
        <source>The running mite-tray is older than this command and does not know “{cmd}”. Quit it (mite-tray quit) and start it again, then try again.</source>
        <translation>Das laufende mite-tray ist älter als dieser Befehl und kennt „{cmd}“ nicht. Beende es (mite-tray quit), starte es neu und versuch es dann noch einmal.</translation>
    </message>
    <message>
        <source>The request is too long (more than {size} KiB).</source>
        <translation>Die Anfrage ist zu lang (mehr als {size} KiB).</translation>
    </message>
    <message>
        <source>mite-tray hit an internal error ({kind}); the details are in its log.</source>
        <translation>In mite-tray ist ein interner Fehler aufgetreten ({kind}); die Einzelheiten stehen im Log.</translation>
    </message>
    <message>
        <source>Malformed request: send one JSON object on one line.</source>
        <translation>Ungültige Anfrage: Schick ein JSON-Objekt in einer Zeile.</translation>
    </message>
</context>
<context>
    <name>DayNav</name>
    <message>
        <source>Today</source>
        <translation>Heute</translation>
    </message>
    <message>
        <source>Yesterday</source>
        <translation>Gestern</translation>
    </message>
    <message>
        <source>Tomorrow</source>
        <translation>Morgen</translation>
    </message>
    <message>
        <source>ddd d MMM</source>
        <translation>ddd, d. MMM</translation>
    </message>
    <message>
        <source>ddd d MMM yyyy</source>
        <translation>ddd, d. MMM yyyy</translation>
    </message>
    <message>
        <source>Previous day (Alt+←)</source>
        <translation>Vorheriger Tag (Alt+←)</translation>
    </message>
    <message>
        <source>Previous day</source>
        <translation>Vorheriger Tag</translation>
    </message>
    <message>
        <source>Next day (Alt+→)</source>
        <translation>Nächster Tag (Alt+→)</translation>
    </message>
    <message>
        <source>Next day</source>
        <translation>Nächster Tag</translation>
    </message>
    <message>
        <source>Go to a date</source>
        <translation>Zu einem Datum springen</translation>
    </message>
    <message>
        <source>Shown day</source>
        <translation>Angezeigter Tag</translation>
    </message>
    <message>
        <source>Back to today (Alt+Home)</source>
        <translation>Zurück zu heute (Alt+Pos1)</translation>
    </message>
</context>
<context>
    <name>DayView</name>
    <message>
        <source>The week of {day} could not be loaded: {problem}</source>
        <translation>Die Woche ab {day} konnte nicht geladen werden: {problem}</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>Wird geladen…</translation>
    </message>
    <message>
        <source>Nothing booked on this day</source>
        <translation>An diesem Tag nichts gebucht</translation>
    </message>
    <message>
        <source>Entries · {day}</source>
        <translation>Einträge · {day}</translation>
    </message>
</context>
<context>
    <name>Display</name>
    <message>
        <source>mite-tray needs a graphical desktop, but no display was found (neither DISPLAY nor WAYLAND_DISPLAY is set). Start it from your desktop session, or over SSH with X forwarding (ssh -X). The command line (mite-tray status, start, stop, add) works without a display.</source>
        <translation>mite-tray braucht eine grafische Oberfläche, aber es wurde kein Display gefunden (weder DISPLAY noch WAYLAND_DISPLAY ist gesetzt). Starte es aus deiner Desktop-Sitzung oder über SSH mit X-Weiterleitung (ssh -X). Die Befehlszeile (mite-tray status, start, stop, add) funktioniert ohne Display.</translation>
    </message>
    <message>
        <source>Qt cannot open a window on X11: the system library {library} is missing. Install Qt&apos;s X11 libraries: on Debian or Ubuntu run scripts/system-packages from the source folder (or sudo apt-get install libxcb-cursor0 libxkbcommon-x11-0 libxcb-icccm4 libxcb-keysyms1 libxcb-shape0), then start mite-tray again.</source>
        <translation>Qt kann unter X11 kein Fenster öffnen: Die Systembibliothek {library} fehlt. Installiere die X11-Bibliotheken von Qt: unter Debian oder Ubuntu mit scripts/system-packages im Quellordner (oder sudo apt-get install libxcb-cursor0 libxkbcommon-x11-0 libxcb-icccm4 libxcb-keysyms1 libxcb-shape0), dann starte mite-tray erneut.</translation>
    </message>
</context>
<context>
    <name>Duration</name>
    <message>
        <source>Enter a duration, like 1:30, 1h30, 90m, 1.5h or 45 (minutes).</source>
        <translation>Gib eine Dauer ein, etwa 1:30, 1h30, 90m, 1,5h oder 45 (Minuten).</translation>
    </message>
    <message>
        <source>“{text}” is not a duration. Try 1:30, 1h30, 90m, 1.5h or 45.</source>
        <translation>„{text}“ ist keine Dauer. Versuch es mit 1:30, 1h30, 90m, 1,5h oder 45.</translation>
    </message>
    <message>
        <source>The duration must be at least one minute.</source>
        <translation>Die Dauer muss mindestens eine Minute betragen.</translation>
    </message>
    <message>
        <source>One entry can hold at most 24 hours.</source>
        <translation>Ein Eintrag kann höchstens 24 Stunden umfassen.</translation>
    </message>
</context>
<context>
    <name>EditDialog</name>
    <message>
        <source>Edit entry</source>
        <translation>Eintrag bearbeiten</translation>
    </message>
    <message>
        <source>Duration</source>
        <translation>Dauer</translation>
    </message>
    <message>
        <source>Stop the timer to change the duration.</source>
        <translation>Stoppe die Stoppuhr, um die Dauer zu ändern.</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Bemerkung</translation>
    </message>
    <message>
        <source>No project</source>
        <translation>Kein Projekt</translation>
    </message>
    <message>
        <source>No service</source>
        <translation>Keine Leistung</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>Datum</translation>
    </message>
    <message>
        <source>&amp;Duration</source>
        <translation>&amp;Dauer</translation>
    </message>
    <message>
        <source>&amp;Note</source>
        <translation>&amp;Bemerkung</translation>
    </message>
    <message>
        <source>&amp;Project</source>
        <translation>&amp;Projekt</translation>
    </message>
    <message>
        <source>Se&amp;rvice</source>
        <translation>&amp;Leistung</translation>
    </message>
    <message>
        <source>D&amp;ate</source>
        <translation>D&amp;atum</translation>
    </message>
    <message>
        <source>This entry is locked in mite and cannot be changed.</source>
        <translation>Dieser Eintrag ist in mite gesperrt und kann nicht geändert werden.</translation>
    </message>
    <message>
        <source>Unlock and edit (admin)</source>
        <translation>Entsperren und bearbeiten (Admin)</translation>
    </message>
    <message>
        <source>Unlock the entry and edit it</source>
        <translation>Den Eintrag entsperren und bearbeiten</translation>
    </message>
    <message>
        <source>You are unlocking this entry: saving unlocks it in mite.</source>
        <translation>Du entsperrst diesen Eintrag: Beim Speichern wird er in mite entsperrt.</translation>
    </message>
</context>
<context>
    <name>EntryForm</name>
    <message>
        <source>Project: type to filter</source>
        <translation>Projekt: tippen zum Filtern</translation>
    </message>
    <message>
        <source>Service: type to filter</source>
        <translation>Leistung: tippen zum Filtern</translation>
    </message>
    <message>
        <source>What are you working on?</source>
        <translation>Woran arbeitest du?</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Bemerkung</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>Start</translation>
    </message>
    <message>
        <source>Start the timer</source>
        <translation>Stoppuhr starten</translation>
    </message>
    <message>
        <source>1:30, 90m, 1.5h</source>
        <translation>1:30, 90m, 1,5h</translation>
    </message>
    <message>
        <source>Duration to add</source>
        <translation>Zu buchende Dauer</translation>
    </message>
    <message>
        <source>Date of the entry</source>
        <translation>Datum des Eintrags</translation>
    </message>
    <message>
        <source>Add time</source>
        <translation>Zeit buchen</translation>
    </message>
    <message>
        <source>Add the time as an entry</source>
        <translation>Die Zeit als Eintrag buchen</translation>
    </message>
    <message>
        <source>&amp;Project</source>
        <translation>&amp;Projekt</translation>
    </message>
    <message>
        <source>Se&amp;rvice</source>
        <translation>&amp;Leistung</translation>
    </message>
    <message>
        <source>&amp;Note</source>
        <translation>&amp;Bemerkung</translation>
    </message>
    <message>
        <source>&amp;Duration</source>
        <translation>&amp;Dauer</translation>
    </message>
</context>
<context>
    <name>Hotkeys</name>
    <message>
        <source>{shortcut} is already used by another program.</source>
        <translation>{shortcut} wird bereits von einem anderen Programm verwendet.</translation>
    </message>
    <message>
        <source>The key “{key}” cannot be used for a global shortcut here.</source>
        <translation>Die Taste „{key}“ kann hier nicht für ein globales Tastenkürzel verwendet werden.</translation>
    </message>
    <message>
        <source>Empty shortcut.</source>
        <translation>Leeres Tastenkürzel.</translation>
    </message>
    <message>
        <source>Unknown modifier “{modifier}” in {shortcut}; use Ctrl, Alt, Shift or Meta.</source>
        <translation>Unbekannte Zusatztaste „{modifier}“ in {shortcut}; erlaubt sind Strg, Alt, Umschalt oder Meta.</translation>
    </message>
    <message>
        <source>{shortcut} has no key, only modifiers.</source>
        <translation>{shortcut} enthält keine Taste, nur Zusatztasten.</translation>
    </message>
    <message>
        <source>{shortcut} needs at least one modifier, or it would steal a plain key.</source>
        <translation>{shortcut} braucht mindestens eine Zusatztaste, sonst würde es eine normale Taste belegen.</translation>
    </message>
    <message>
        <source>Open the mite-tray quick entry</source>
        <translation>Schnelleingabe von mite-tray öffnen</translation>
    </message>
    <message>
        <source>Continue the last entry or stop the timer</source>
        <translation>Letzten Eintrag fortsetzen oder Stoppuhr stoppen</translation>
    </message>
    <message>
        <source>Your global shortcuts ({shortcuts}) are held by another program. Choose others in Settings › Global shortcuts, or bind the command mite-tray palette to a key in the desktop&apos;s own keyboard settings.</source>
        <translation>Deine globalen Tastenkürzel ({shortcuts}) sind von einem anderen Programm belegt. Wähle andere unter Einstellungen › Globale Tastenkürzel, oder lege den Befehl mite-tray palette in den Tastatur-Einstellungen des Desktops auf eine Taste.</translation>
    </message>
    <message>
        <source>Your global shortcuts ({shortcuts}) do not work on this desktop. Bind the command mite-tray palette to a key in the desktop&apos;s own keyboard settings; Settings › Global shortcuts lists all the commands.</source>
        <translation>Deine globalen Tastenkürzel ({shortcuts}) funktionieren auf diesem Desktop nicht. Lege den Befehl mite-tray palette in den Tastatur-Einstellungen des Desktops auf eine Taste; Einstellungen › Globale Tastenkürzel listet alle Befehle.</translation>
    </message>
</context>
<context>
    <name>Idle</name>
    <message>
        <source>This desktop does not tell mite-tray when you are away, so away time is noticed only when the computer sleeps.</source>
        <translation>Dieser Desktop sagt mite-tray nicht, wann du weg bist; Abwesenheit wird daher nur bemerkt, wenn der Computer schläft.</translation>
    </message>
    <message>
        <source>Away time is noticed from keyboard and mouse activity ({source}).</source>
        <translation>Abwesenheit wird an Tastatur- und Mausaktivität bemerkt ({source}).</translation>
    </message>
</context>
<context>
    <name>Journal</name>
    <message>
        <source>“{entry}” is already running.</source>
        <translation>„{entry}“ läuft bereits.</translation>
    </message>
    <message>
        <source>This entry is locked in mite; an admin must unlock it before it can continue.</source>
        <translation>Dieser Eintrag ist in mite gesperrt; ein Admin muss ihn entsperren, bevor er fortgesetzt werden kann.</translation>
    </message>
    <message>
        <source>This entry is locked in mite and cannot be changed.</source>
        <translation>Dieser Eintrag ist in mite gesperrt und kann nicht geändert werden.</translation>
    </message>
    <message>
        <source>Stop the timer before changing the duration of its entry.</source>
        <translation>Stoppe die Stoppuhr, bevor du die Dauer ihres Eintrags änderst.</translation>
    </message>
    <message>
        <source>This entry is locked in mite and cannot be deleted.</source>
        <translation>Dieser Eintrag ist in mite gesperrt und kann nicht gelöscht werden.</translation>
    </message>
    <message>
        <source>That entry is no longer there (deleted in mite?).</source>
        <translation>Diesen Eintrag gibt es nicht mehr (in mite gelöscht?).</translation>
    </message>
    <message>
        <source>It belongs to an entry that could not be created in mite.</source>
        <translation>Es gehört zu einem Eintrag, der in mite nicht angelegt werden konnte.</translation>
    </message>
    <message>
        <source>an entry</source>
        <translation>ein Eintrag</translation>
    </message>
    <message>
        <source>A timer started elsewhere is running: {entry}.</source>
        <translation>Eine anderswo gestartete Stoppuhr läuft: {entry}.</translation>
    </message>
    <message>
        <source>The timer was stopped in mite (in the web app or on another device).</source>
        <translation>Die Stoppuhr wurde in mite gestoppt (in der Web-App oder auf einem anderen Gerät).</translation>
    </message>
    <message>
        <source>Could not {doing}: its text holds a character that cannot be sent (saved by an older version?). Discard it and enter it again.</source>
        <translation>{doing} nicht möglich: Der Text enthält ein Zeichen, das nicht gesendet werden kann (von einer älteren Version gespeichert?). Verwirf es und gib es neu ein.</translation>
    </message>
    <message>
        <source>Could not {doing}: the saved action is damaged ({error}). Discard it and enter it again.</source>
        <translation>{doing} nicht möglich: Die gespeicherte Aktion ist beschädigt ({error}). Verwirf sie und gib sie neu ein.</translation>
    </message>
    <message>
        <source>Could not {doing}: it failed {count} times in a row ({error}). Retry it, or discard it.</source>
        <translation>{doing} nicht möglich: Es ist {count}-mal hintereinander fehlgeschlagen ({error}). Versuch es erneut oder verwirf es.</translation>
    </message>
    <message>
        <source>book the entry</source>
        <translation>Eintrag buchen</translation>
    </message>
    <message>
        <source>start the timer</source>
        <translation>Stoppuhr starten</translation>
    </message>
    <message>
        <source>stop the timer</source>
        <translation>Stoppuhr stoppen</translation>
    </message>
    <message>
        <source>change the entry</source>
        <translation>Eintrag ändern</translation>
    </message>
    <message>
        <source>delete the entry</source>
        <translation>Eintrag löschen</translation>
    </message>
    <message>
        <source>send a change</source>
        <translation>Änderung senden</translation>
    </message>
</context>
<context>
    <name>LoginDialog</name>
    <message>
        <source>Sign in to mite</source>
        <translation>Bei mite anmelden</translation>
    </message>
    <message>
        <source>Connect mite-tray to your mite account. You find your API key in mite under &lt;b&gt;Account › My user&lt;/b&gt; (tick “Allow API access”).</source>
        <translation>Verbinde mite-tray mit deinem mite-Account. Deinen API-Schlüssel findest du in mite unter &lt;b&gt;Account › Meine Daten&lt;/b&gt; („API-Zugriff erlauben“ anhaken).</translation>
    </message>
    <message>
        <source>acme  (from acme.mite.de)</source>
        <translation>acme  (aus acme.mite.de)</translation>
    </message>
    <message>
        <source>mite account</source>
        <translation>mite-Account</translation>
    </message>
    <message>
        <source>16 characters</source>
        <translation>16 Zeichen</translation>
    </message>
    <message>
        <source>API key</source>
        <translation>API-Schlüssel</translation>
    </message>
    <message>
        <source>Sign in</source>
        <translation>Anmelden</translation>
    </message>
    <message>
        <source>&amp;Account</source>
        <translation>&amp;Account</translation>
    </message>
    <message>
        <source>API &amp;key</source>
        <translation>API-&amp;Schlüssel</translation>
    </message>
    <message>
        <source>Checking…</source>
        <translation>Wird geprüft …</translation>
    </message>
    <message>
        <source>No keychain</source>
        <translation>Kein Schlüsselbund</translation>
    </message>
    <message>
        <source>Keep the key for this session only? mite-tray will ask again next time it starts. The key is never written to disk.</source>
        <translation>Den Schlüssel nur für diese Sitzung behalten? mite-tray fragt beim nächsten Start erneut. Der Schlüssel wird nie auf die Festplatte geschrieben.</translation>
    </message>
    <message>
        <source>Not signed in: the key was not kept.</source>
        <translation>Nicht angemeldet: Der Schlüssel wurde nicht behalten.</translation>
    </message>
</context>
<context>
    <name>Matching</name>
    <message>
        <source>No project name given.</source>
        <translation>Kein Projektname angegeben.</translation>
    </message>
    <message>
        <source>No service name given.</source>
        <translation>Kein Leistungsname angegeben.</translation>
    </message>
    <message>
        <source>“{query}” matches {count} projects; be more precise:</source>
        <translation>„{query}“ passt auf {count} Projekte; bitte genauer:</translation>
    </message>
    <message>
        <source>“{query}” matches {count} services; be more precise:</source>
        <translation>„{query}“ passt auf {count} Leistungen; bitte genauer:</translation>
    </message>
    <message>
        <source>… and {count} more</source>
        <translation>… und {count} weitere</translation>
    </message>
    <message>
        <source>No project is called “{query}”.</source>
        <translation>Kein Projekt heißt „{query}“.</translation>
    </message>
    <message>
        <source>No service is called “{query}”.</source>
        <translation>Keine Leistung heißt „{query}“.</translation>
    </message>
    <message>
        <source>Did you mean:</source>
        <translation>Meintest du:</translation>
    </message>
</context>
<context>
    <name>Messages</name>
    <message>
        <source>Could not {doing}: {reason}</source>
        <translation>{doing} nicht möglich: {reason}</translation>
    </message>
    <message>
        <source>mite did not accept the API key. It may have been changed or revoked; sign in again.</source>
        <translation>mite hat den API-Schlüssel nicht akzeptiert. Vielleicht wurde er geändert oder widerrufen; bitte melde dich erneut an.</translation>
    </message>
    <message>
        <source>mite says you are not allowed to do this ({detail}).</source>
        <translation>mite sagt, dass du das nicht darfst ({detail}).</translation>
    </message>
    <message>
        <source>it no longer exists in mite (deleted elsewhere?). The list has been refreshed.</source>
        <translation>es existiert in mite nicht mehr (anderswo gelöscht?). Die Liste wurde aktualisiert.</translation>
    </message>
    <message>
        <source>the entry is locked in mite; an admin must unlock it first.</source>
        <translation>der Eintrag ist in mite gesperrt; ein Admin muss ihn zuerst entsperren.</translation>
    </message>
    <message>
        <source>mite refused the data: {detail}</source>
        <translation>mite hat die Daten abgelehnt: {detail}</translation>
    </message>
    <message>
        <source>mite asks to slow down (too many requests). Trying again shortly.</source>
        <translation>mite bittet um eine Pause (zu viele Anfragen). Gleich ein neuer Versuch.</translation>
    </message>
    <message>
        <source>mite has a problem right now (HTTP {status}). Try again in a minute.</source>
        <translation>mite hat gerade ein Problem (HTTP {status}). Versuch es in einer Minute noch einmal.</translation>
    </message>
    <message>
        <source>Enter your API key. In mite: Account › My user, tick “Allow API access”, then copy the key.</source>
        <translation>Gib deinen API-Schlüssel ein. In mite: Account › Meine Daten, „API-Zugriff erlauben“ anhaken, dann den Schlüssel kopieren.</translation>
    </message>
    <message>
        <source>That is not a usable API key: {flaw}. Copy it again from mite: Account › My user.</source>
        <translation>Das ist kein brauchbarer API-Schlüssel: {flaw}. Kopiere ihn noch einmal aus mite: Account › Meine Daten.</translation>
    </message>
    <message>
        <source>mite did not answer in time. Check your connection; nothing was lost.</source>
        <translation>mite hat nicht rechtzeitig geantwortet. Prüfe deine Verbindung; es ist nichts verloren gegangen.</translation>
    </message>
    <message>
        <source>mite cannot be reached. Check your internet connection.</source>
        <translation>mite ist nicht erreichbar. Prüfe deine Internetverbindung.</translation>
    </message>
    <message>
        <source>The certificate of {host} could not be verified: {detail}. Your network may intercept secure connections; nothing was sent.</source>
        <translation>Das Zertifikat von {host} konnte nicht geprüft werden: {detail}. Vielleicht fängt dein Netzwerk sichere Verbindungen ab; es wurde nichts gesendet.</translation>
    </message>
    <message>
        <source>No secure connection to {host} could be made: {detail}. Nothing was sent.</source>
        <translation>Keine sichere Verbindung zu {host} möglich: {detail}. Es wurde nichts gesendet.</translation>
    </message>
    <message>
        <source>it is empty</source>
        <translation>er ist leer</translation>
    </message>
    <message>
        <source>it contains a space or line break</source>
        <translation>er enthält ein Leerzeichen oder einen Zeilenumbruch</translation>
    </message>
    <message>
        <source>it contains a control character</source>
        <translation>er enthält ein Steuerzeichen</translation>
    </message>
    <message>
        <source>it contains letters outside A–Z, digits and punctuation</source>
        <translation>er enthält Zeichen außer A–Z, Ziffern und Satzzeichen</translation>
    </message>
    <message>
        <source>it is far too long</source>
        <translation>er ist viel zu lang</translation>
    </message>
    <message>
        <source>That API key is not valid for this account. Copy it again from mite: Account › My user.</source>
        <translation>Dieser API-Schlüssel gilt nicht für diesen Account. Kopiere ihn noch einmal aus mite: Account › Meine Daten.</translation>
    </message>
    <message>
        <source>There is no mite account “{account}”. Check the name in your mite address (NAME.mite.de).</source>
        <translation>Es gibt keinen mite-Account „{account}“. Prüfe den Namen in deiner mite-Adresse (NAME.mite.de).</translation>
    </message>
    <message>
        <source>API access is switched off for this account or user. An admin can switch it on in mite under Account › Settings; then enable it under My user.</source>
        <translation>Der API-Zugriff ist für diesen Account oder Benutzer ausgeschaltet. Ein Admin kann ihn in mite unter Account › Einstellungen einschalten; danach unter Meine Daten aktivieren.</translation>
    </message>
    <message>
        <source>Cannot reach {account}. Check your internet connection and the account name.</source>
        <translation>{account} ist nicht erreichbar. Prüfe deine Internetverbindung und den Account-Namen.</translation>
    </message>
    <message>
        <source>sign in</source>
        <translation>Anmelden</translation>
    </message>
    <message>
        <source>(no project)</source>
        <translation>(kein Projekt)</translation>
    </message>
</context>
<context>
    <name>Palette</name>
    <message>
        <source>Create project “{name}”</source>
        <translation>Projekt „{name}“ anlegen</translation>
    </message>
    <message>
        <source>Create service “{name}”</source>
        <translation>Leistung „{name}“ anlegen</translation>
    </message>
    <message>
        <source>Type a project, or pick a recent entry (1–9).</source>
        <translation>Tippe ein Projekt oder wähle einen letzten Eintrag (1–9).</translation>
    </message>
    <message>
        <source>There is no recent entry {number} today.</source>
        <translation>Heute gibt es keinen letzten Eintrag {number}.</translation>
    </message>
    <message>
        <source>Continue · {entry}</source>
        <translation>Fortsetzen · {entry}</translation>
    </message>
    <message>
        <source>only admins and owners can create it</source>
        <translation>nur Admins und Inhaber können es anlegen</translation>
    </message>
    <message>
        <source>No project matches “{name}”, and only admins and owners can create one.</source>
        <translation>Kein Projekt passt zu „{name}“, und nur Admins und Inhaber können eines anlegen.</translation>
    </message>
    <message>
        <source>No service matches “{name}”, and only admins and owners can create one.</source>
        <translation>Keine Leistung passt zu „{name}“, und nur Admins und Inhaber können eine anlegen.</translation>
    </message>
    <message>
        <source>No project matches “{name}”. To create it in mite, choose “Create project” with the arrow keys.</source>
        <translation>Kein Projekt passt zu „{name}“. Um es in mite anzulegen, wähle „Projekt anlegen“ mit den Pfeiltasten.</translation>
    </message>
    <message>
        <source>No service matches “{name}”. To create it in mite, choose “Create service” with the arrow keys.</source>
        <translation>Keine Leistung passt zu „{name}“. Um sie in mite anzulegen, wähle „Leistung anlegen“ mit den Pfeiltasten.</translation>
    </message>
    <message>
        <source>Book the away time as another project or service: choose it next</source>
        <translation>Die Abwesenheit auf ein anderes Projekt oder eine andere Leistung buchen: als Nächstes auswählen</translation>
    </message>
    <message>
        <source>Answer · {answer}</source>
        <translation>Antworten · {answer}</translation>
    </message>
    <message>
        <source>new project {name}</source>
        <translation>neues Projekt {name}</translation>
    </message>
    <message>
        <source>new service {name}</source>
        <translation>neue Leistung {name}</translation>
    </message>
    <message>
        <source>no project</source>
        <translation>kein Projekt</translation>
    </message>
    <message>
        <source>Start a timer · {target}</source>
        <translation>Stoppuhr starten · {target}</translation>
    </message>
    <message>
        <source>Book {duration} ending now · {target}</source>
        <translation>{duration} bis jetzt buchen · {target}</translation>
    </message>
    <message>
        <source>Book {duration} today · {target}</source>
        <translation>{duration} heute buchen · {target}</translation>
    </message>
    <message>
        <source>Creates the project “{name}” in mite, for everyone in the account.</source>
        <translation>Legt das Projekt „{name}“ in mite an, für alle im Account.</translation>
    </message>
    <message>
        <source>Creates the service “{name}” in mite, for everyone in the account.</source>
        <translation>Legt die Leistung „{name}“ in mite an, für alle im Account.</translation>
    </message>
    <message>
        <source>Type the project or service the away time {duration} was for.</source>
        <translation>Gib das Projekt oder die Leistung ein, für die die Abwesenheit von {duration} war.</translation>
    </message>
    <message>
        <source>This books the away time, {duration}: keep that duration at the start of the line.</source>
        <translation>Das bucht die Abwesenheit, {duration}: lass diese Dauer am Anfang der Zeile stehen.</translation>
    </message>
    <message>
        <source>Book the away time {duration} · {target}</source>
        <translation>Abwesenheit {duration} buchen · {target}</translation>
    </message>
    <message>
        <source>Takes {duration} off “{entry}”.</source>
        <translation>Zieht {duration} von „{entry}“ ab.</translation>
    </message>
    <message>
        <source>running</source>
        <translation>läuft</translation>
    </message>
    <message>
        <source>mite-tray quick entry</source>
        <translation>mite-tray Schnelleingabe</translation>
    </message>
    <message>
        <source>Quick entry</source>
        <translation>Schnelleingabe</translation>
    </message>
    <message>
        <source>Project / service: note  —  a duration first books time</source>
        <translation>Projekt / Leistung: Bemerkung  —  mit Dauer davor wird gebucht</translation>
    </message>
    <message>
        <source>Quick entry: project / service: note, a duration first to book time</source>
        <translation>Schnelleingabe: Projekt / Leistung: Bemerkung, mit einer Dauer davor wird Zeit gebucht</translation>
    </message>
    <message>
        <source>What Enter will do</source>
        <translation>Was die Eingabetaste tut</translation>
    </message>
    <message>
        <source>Suggestions</source>
        <translation>Vorschläge</translation>
    </message>
    <message>
        <source>Book the away time {duration} ({since}–{until}) as: choose a project or service, then press Enter.</source>
        <translation>Abwesenheit {duration} ({since}–{until}) buchen als: wähle ein Projekt oder eine Leistung und drücke Enter.</translation>
    </message>
    <message>
        <source>↑↓ choose · Tab completes · Enter books the away time · Esc: answer later</source>
        <translation>↑↓ wählen · Tab ergänzt · Enter bucht die Abwesenheit · Esc: später antworten</translation>
    </message>
    <message>
        <source>↑↓ choose · Tab completes · Enter starts · Ctrl+1–9 continues · Esc closes</source>
        <translation>↑↓ wählen · Tab ergänzt · Enter startet · Strg+1–9 setzt fort · Esc schließt</translation>
    </message>
    <message>
        <source>Type or choose the project or service the away time was for.</source>
        <translation>Gib das Projekt oder die Leistung ein, für die die Abwesenheit war, oder wähle sie aus.</translation>
    </message>
    <message>
        <source>Type a project, or pick a recent entry.</source>
        <translation>Tippe ein Projekt oder wähle einen letzten Eintrag.</translation>
    </message>
</context>
<context>
    <name>Picker</name>
    <message>
        <source>Project</source>
        <translation>Projekt</translation>
    </message>
    <message>
        <source>Service</source>
        <translation>Leistung</translation>
    </message>
    <message>
        <source>Clear the project</source>
        <translation>Projekt leeren</translation>
    </message>
    <message>
        <source>Clear the service</source>
        <translation>Leistung leeren</translation>
    </message>
    <message>
        <source>No project matches “{text}”. Pick one from the list or clear the field.</source>
        <translation>Kein Projekt passt zu „{text}“. Wähle eines aus der Liste oder leere das Feld.</translation>
    </message>
    <message>
        <source>No service matches “{text}”. Pick one from the list or clear the field.</source>
        <translation>Keine Leistung passt zu „{text}“. Wähle eine aus der Liste oder leere das Feld.</translation>
    </message>
    <message>
        <source>“{text}” matches {count} projects. Pick one from the list.</source>
        <translation>„{text}“ passt auf {count} Projekte. Wähle eines aus der Liste.</translation>
    </message>
    <message>
        <source>“{text}” matches {count} services. Pick one from the list.</source>
        <translation>„{text}“ passt auf {count} Leistungen. Wähle eine aus der Liste.</translation>
    </message>
</context>
<context>
    <name>Prompt</name>
    <message>
        <source>You were away {duration} in all between {since} and {until} while “{entry}” was running.</source>
        <translation>Du warst zwischen {since} und {until} insgesamt {duration} weg, während „{entry}“ lief.</translation>
    </message>
    <message>
        <source>You were away {duration} ({since}–{until}) while “{entry}” was running.</source>
        <translation>Du warst {duration} weg ({since}–{until}), während „{entry}“ lief.</translation>
    </message>
    <message>
        <source>Still working on “{entry}”? Running {duration} since {since}.</source>
        <translation>Arbeitest du noch an „{entry}“? Läuft seit {since}: {duration}.</translation>
    </message>
    <message>
        <source>You have been working for {duration} with no timer running.</source>
        <translation>Du arbeitest seit {duration}, ohne dass eine Stoppuhr läuft.</translation>
    </message>
    <message>
        <source>Stop at last activity ({time})</source>
        <translation>Bei letzter Aktivität stoppen ({time})</translation>
    </message>
    <message>
        <source>Keep running</source>
        <translation>Weiterlaufen lassen</translation>
    </message>
    <message>
        <source>Continue: {entry}</source>
        <translation>Fortsetzen: {entry}</translation>
    </message>
    <message>
        <source>Start a timer</source>
        <translation>Stoppuhr starten</translation>
    </message>
    <message>
        <source>Not now</source>
        <translation>Nicht jetzt</translation>
    </message>
    <message>
        <source>Keep</source>
        <translation>Behalten</translation>
    </message>
    <message>
        <source>Discard</source>
        <translation>Verwerfen</translation>
    </message>
    <message>
        <source>Stop at {time}</source>
        <translation>Um {time} stoppen</translation>
    </message>
    <message>
        <source>Book as…</source>
        <translation>Buchen als …</translation>
    </message>
    <message>
        <source>Question from mite-tray</source>
        <translation>Frage von mite-tray</translation>
    </message>
    <message>
        <source>it was work: the {duration} stay booked</source>
        <translation>es war Arbeit: die {duration} bleiben gebucht</translation>
    </message>
    <message>
        <source>takes {duration} off; the timer runs on</source>
        <translation>zieht {duration} ab; die Stoppuhr läuft weiter</translation>
    </message>
    <message>
        <source>books up to {since} and stops the timer</source>
        <translation>bucht bis {since} und stoppt die Stoppuhr</translation>
    </message>
    <message>
        <source>moves {duration} to another project or service</source>
        <translation>verschiebt {duration} auf ein anderes Projekt oder eine andere Leistung</translation>
    </message>
    <message>
        <source>books up to {until} and stops the timer</source>
        <translation>bucht bis {until} und stoppt die Stoppuhr</translation>
    </message>
    <message>
        <source>the timer runs on</source>
        <translation>die Stoppuhr läuft weiter</translation>
    </message>
    <message>
        <source>starts its timer again</source>
        <translation>startet seine Stoppuhr wieder</translation>
    </message>
    <message>
        <source>no reminder until the next timer</source>
        <translation>keine Erinnerung bis zur nächsten Stoppuhr</translation>
    </message>
</context>
<context>
    <name>QuickEntry</name>
    <message>
        <source>Type a project (and / service, : note), or a duration first to book time.</source>
        <translation>Tippe ein Projekt (und / Leistung, : Bemerkung) oder zuerst eine Dauer, um Zeit zu buchen.</translation>
    </message>
    <message>
        <source>Say what the time is for: a project, / a service, or : a note.</source>
        <translation>Wofür ist die Zeit? Ein Projekt, / eine Leistung oder : eine Bemerkung.</translation>
    </message>
</context>
<context>
    <name>Reports</name>
    <message>
        <source>“{date}” is not a date; use YYYY-MM-DD, for example {example}.</source>
        <translation>„{date}“ ist kein Datum; verwende JJJJ-MM-TT, zum Beispiel {example}.</translation>
    </message>
    <message>
        <source>“{date}” is too far in the future.</source>
        <translation>„{date}“ liegt zu weit in der Zukunft.</translation>
    </message>
    <message>
        <source>The week of {date} could not be read from mite: {problem}</source>
        <translation>Die Woche vom {date} konnte nicht aus mite gelesen werden: {problem}</translation>
    </message>
    <message>
        <source>The budgets could not be read from mite: {problem}</source>
        <translation>Die Budgets konnten nicht aus mite gelesen werden: {problem}</translation>
    </message>
</context>
<context>
    <name>Secrets</name>
    <message>
        <source>No keychain is available on this system (no Secret Service running), so the API key cannot be stored safely.</source>
        <translation>Auf diesem System gibt es keinen Schlüsselbund (kein Secret Service aktiv), daher kann der API-Schlüssel nicht sicher gespeichert werden.</translation>
    </message>
    <message>
        <source>The keychain is locked. Unlock it and try again.</source>
        <translation>Der Schlüsselbund ist gesperrt. Entsperre ihn und versuch es noch einmal.</translation>
    </message>
    <message>
        <source>The keychain refused to store the key: {error}</source>
        <translation>Der Schlüsselbund hat das Speichern des Schlüssels abgelehnt: {error}</translation>
    </message>
    <message>
        <source>The API key kept in the keychain cannot be used ({flaw}); sign in again.</source>
        <translation>Der API-Schlüssel im Schlüsselbund ist nicht brauchbar ({flaw}); melde dich erneut an.</translation>
    </message>
    <message>
        <source>MITE_API_KEY holds no usable API key: {flaw}. Set it to your key from mite (Account › My user), or unset it to use the keychain.</source>
        <translation>MITE_API_KEY enthält keinen brauchbaren API-Schlüssel: {flaw}. Setze ihn auf deinen Schlüssel aus mite (Account › Meine Daten) oder entferne ihn, um den Schlüsselbund zu nutzen.</translation>
    </message>
    <message>
        <source>The keychain could not be read (its helper process failed).</source>
        <translation>Der Schlüsselbund konnte nicht gelesen werden (sein Hilfsprozess ist fehlgeschlagen).</translation>
    </message>
</context>
<context>
    <name>Session</name>
    <message>
        <source>Syncing failed unexpectedly ({error}); retrying in a moment.</source>
        <translation>Der Abgleich ist unerwartet fehlgeschlagen ({error}); gleich ein neuer Versuch.</translation>
    </message>
    <message>
        <source>Stopped within a minute: nothing booked.</source>
        <translation>Innerhalb einer Minute gestoppt: nichts gebucht.</translation>
    </message>
</context>
<context>
    <name>Settings</name>
    <message>
        <source>Settings</source>
        <translation>Einstellungen</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Schließen</translation>
    </message>
    <message>
        <source>Account</source>
        <translation>Account</translation>
    </message>
    <message>
        <source>{user} · {account}</source>
        <translation>{user} · {account}</translation>
    </message>
    <message>
        <source>(not loaded yet)</source>
        <translation>(noch nicht geladen)</translation>
    </message>
    <message>
        <source>Sign out</source>
        <translation>Abmelden</translation>
    </message>
    <message>
        <source>Sign out: remove the API key from the keychain</source>
        <translation>Abmelden: den API-Schlüssel aus dem Schlüsselbund entfernen</translation>
    </message>
    <message>
        <source>Switch account…</source>
        <translation>Account wechseln …</translation>
    </message>
    <message>
        <source>Sign in to another mite account</source>
        <translation>Bei einem anderen mite-Account anmelden</translation>
    </message>
    <message>
        <source>The demo account has nothing to sign out of; run &lt;code&gt;mite-tray login&lt;/code&gt; to use your own.</source>
        <translation>Beim Demo-Account gibt es nichts abzumelden; mit &lt;code&gt;mite-tray login&lt;/code&gt; nutzt du deinen eigenen.</translation>
    </message>
    <message>
        <source>Global shortcuts</source>
        <translation>Globale Tastenkürzel</translation>
    </message>
    <message>
        <source>Quick entry</source>
        <translation>Schnelleingabe</translation>
    </message>
    <message>
        <source>Continue last / stop timer</source>
        <translation>Letzten fortsetzen / Stoppuhr stoppen</translation>
    </message>
    <message>
        <source>press the new shortcut</source>
        <translation>neues Tastenkürzel drücken</translation>
    </message>
    <message>
        <source>This desktop does not let apps set global shortcuts (GNOME on Wayland, for one). Bind these commands in its own keyboard settings instead:</source>
        <translation>Dieser Desktop erlaubt Apps keine globalen Tastenkürzel (etwa GNOME unter Wayland). Lege diese Befehle stattdessen in seinen eigenen Tastatur-Einstellungen auf Tasten:</translation>
    </message>
    <message>
        <source>General</source>
        <translation>Allgemein</translation>
    </message>
    <message>
        <source>Check mite while the window is open</source>
        <translation>mite abfragen, solange das Fenster offen ist</translation>
    </message>
    <message>
        <source>Check mite in the background</source>
        <translation>mite im Hintergrund abfragen</translation>
    </message>
    <message>
        <source>Start mite-tray when I log in</source>
        <translation>mite-tray beim Anmelden starten</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Sprache</translation>
    </message>
    <message>
        <source>System ({language})</source>
        <translation>System ({language})</translation>
    </message>
    <message>
        <source>Theme</source>
        <translation>Design</translation>
    </message>
    <message>
        <source>System</source>
        <translation>System</translation>
    </message>
    <message>
        <source>Light</source>
        <translation>Hell</translation>
    </message>
    <message>
        <source>Dark</source>
        <translation>Dunkel</translation>
    </message>
    <message>
        <source> s</source>
        <translation> s</translation>
    </message>
    <message>
        <source>seconds between checks</source>
        <translation>Sekunden zwischen Abfragen</translation>
    </message>
    <message>
        <source>{shortcuts}: held by another program. Record other keys above, or bind these commands in the desktop&apos;s own keyboard settings:</source>
        <translation>{shortcuts}: von einem anderen Programm belegt. Nimm oben andere Tasten auf, oder lege diese Befehle in den Tastatur-Einstellungen des Desktops auf Tasten:</translation>
    </message>
    <message>
        <source>{shortcuts}: not bound on this desktop, so pressing them does nothing. Bind these commands in its own keyboard settings instead:</source>
        <translation>{shortcuts}: auf diesem Desktop nicht belegt, Drücken bewirkt also nichts. Lege diese Befehle stattdessen in seinen eigenen Tastatur-Einstellungen auf Tasten:</translation>
    </message>
    <message>
        <source>{shortcut}: {problem}</source>
        <translation>{shortcut}: {problem}</translation>
    </message>
    <message>
        <source>Could not change it: {error}</source>
        <translation>Konnte nicht geändert werden: {error}</translation>
    </message>
    <message>
        <source>Away time</source>
        <translation>Abwesenheit</translation>
    </message>
    <message>
        <source>While a timer runs, mite-tray asks what the minutes you were away were: no input, a locked screen or sleep.</source>
        <translation>Läuft eine Stoppuhr, fragt mite-tray, was die Minuten waren, in denen du weg warst: keine Eingabe, gesperrter Bildschirm oder Ruhezustand.</translation>
    </message>
    <message>
        <source> min</source>
        <translation> Min.</translation>
    </message>
    <message>
        <source>Ask when I was away for</source>
        <translation>Fragen, wenn ich weg war für</translation>
    </message>
    <message>
        <source> h</source>
        <translation> Std.</translation>
    </message>
    <message>
        <source>Ask if a timer runs longer than</source>
        <translation>Fragen, wenn eine Stoppuhr länger läuft als</translation>
    </message>
    <message>
        <source>Working hours</source>
        <translation>Arbeitszeit</translation>
    </message>
    <message>
        <source>Reminds you to track when you work with no timer running, and asks at the day&apos;s end if one still runs.</source>
        <translation>Erinnert dich, wenn du ohne laufende Stoppuhr arbeitest, und fragt zum Feierabend, wenn noch eine läuft.</translation>
    </message>
    <message>
        <source>Days</source>
        <translation>Tage</translation>
    </message>
    <message>
        <source>Working day starts</source>
        <translation>Arbeitstag beginnt</translation>
    </message>
    <message>
        <source>Working day ends</source>
        <translation>Arbeitstag endet</translation>
    </message>
    <message>
        <source>Hours</source>
        <translation>Uhrzeit</translation>
    </message>
    <message>
        <source>Remind after this many minutes of work with no timer</source>
        <translation>Nach so vielen Minuten Arbeit ohne Stoppuhr erinnern</translation>
    </message>
    <message>
        <source>Remind after</source>
        <translation>Erinnern nach</translation>
    </message>
    <message>
        <source>Off</source>
        <translation>Aus</translation>
    </message>
    <message>
        <source>Daily targets</source>
        <translation>Sollzeit pro Tag</translation>
    </message>
    <message>
        <source>Target on {day}</source>
        <translation>Sollzeit am {day}</translation>
    </message>
    <message>
        <source>Hours, like 8, 7:30 or 7.5h; 0 for a day off</source>
        <translation>Stunden, etwa 8, 7:30 oder 7,5h; 0 für einen freien Tag</translation>
    </message>
    <message>
        <source>The week&apos;s timesheet draws these as each day&apos;s line.</source>
        <translation>Die Wochenübersicht zeigt sie als Linie an jedem Tag.</translation>
    </message>
</context>
<context>
    <name>Shell</name>
    <message>
        <source>No system tray here: mite-tray runs in this window. Closing it hides it; in a terminal, mite-tray toggle opens it again and mite-tray quit ends mite-tray.</source>
        <translation>Hier gibt es keinen Infobereich: mite-tray läuft in diesem Fenster. Schließen blendet es aus; im Terminal öffnet mite-tray toggle es wieder und mite-tray quit beendet mite-tray.</translation>
    </message>
</context>
<context>
    <name>Store</name>
    <message>
        <source>The disk is full, so this was not saved. Free some space and try again.</source>
        <translation>Die Festplatte ist voll, daher wurde das nicht gespeichert. Schaffe etwas Platz und versuch es noch einmal.</translation>
    </message>
    <message>
        <source>mite-tray may not write to its data folder, so this was not saved. Check the folder&apos;s permissions and try again.</source>
        <translation>mite-tray darf nicht in seinen Datenordner schreiben, daher wurde das nicht gespeichert. Prüfe die Rechte des Ordners und versuch es noch einmal.</translation>
    </message>
    <message>
        <source>The local store is damaged, so this was not saved. Restart mite-tray: it sets the damaged file aside and keeps what it can.</source>
        <translation>Der lokale Speicher ist beschädigt, daher wurde das nicht gespeichert. Starte mite-tray neu: Es legt die beschädigte Datei beiseite und rettet, was es kann.</translation>
    </message>
    <message>
        <source>The disk reported an error, so this was not saved. Try again; if it keeps failing, check the disk.</source>
        <translation>Die Festplatte hat einen Fehler gemeldet, daher wurde das nicht gespeichert. Versuch es noch einmal; wenn es weiter fehlschlägt, prüfe die Festplatte.</translation>
    </message>
    <message>
        <source>This was not saved: the local store reported “{reason}”. Try again.</source>
        <translation>Das wurde nicht gespeichert: Der lokale Speicher meldet „{reason}“. Versuch es noch einmal.</translation>
    </message>
    <message>
        <source>The local store was deleted or changed while mite-tray ran, so this was not saved. Restart mite-tray.</source>
        <translation>Der lokale Speicher wurde gelöscht oder verändert, während mite-tray lief, daher wurde das nicht gespeichert. Starte mite-tray neu.</translation>
    </message>
    <message>
        <source>damaged pages</source>
        <translation>beschädigte Seiten</translation>
    </message>
    <message>
        <source>The local store was damaged ({reason}). mite-tray kept it as {file} and started a new one. Saved into it, waiting to be sent to mite: {count}. Everything else is loaded again from mite.</source>
        <translation>Der lokale Speicher war beschädigt ({reason}). mite-tray hat ihn als {file} aufbewahrt und einen neuen angelegt. Darin gerettet, warten auf Übertragung an mite: {count}. Alles andere wird neu von mite geladen.</translation>
    </message>
    <message>
        <source>the disk is full</source>
        <translation>die Festplatte ist voll</translation>
    </message>
    <message>
        <source>mite-tray cannot save to {folder} ({reason}). It runs on without saving: actions are sent to mite while it runs, but are not kept across a restart. Free some space or fix the folder, then restart mite-tray.</source>
        <translation>mite-tray kann nicht in {folder} speichern ({reason}). Es läuft ohne zu speichern weiter: Aktionen werden an mite übertragen, solange es läuft, aber nach einem Neustart nicht mehr behalten. Schaffe Platz oder repariere den Ordner und starte mite-tray dann neu.</translation>
    </message>
    <message>
        <source>Actions saved earlier stay in {file} and are sent once it can be opened again.</source>
        <translation>Früher gespeicherte Aktionen bleiben in {file} und werden übertragen, sobald die Datei wieder geöffnet werden kann.</translation>
    </message>
    <message>
        <source>The local store was deleted or changed while mite-tray ran, and a new one could not be made, so this was not saved. Restart mite-tray.</source>
        <translation>Der lokale Speicher wurde gelöscht oder verändert, während mite-tray lief, und es konnte kein neuer angelegt werden, daher wurde das nicht gespeichert. Starte mite-tray neu.</translation>
    </message>
    <message>
        <source> The file found there was kept as {file}.</source>
        <translation> Die dort gefundene Datei wurde als {file} aufbewahrt.</translation>
    </message>
    <message>
        <source>The local store was deleted or changed while mite-tray ran. mite-tray saved what it still held into a new one (waiting to be sent to mite: {count}).</source>
        <translation>Der lokale Speicher wurde gelöscht oder verändert, während mite-tray lief. mite-tray hat alles, was es noch hatte, in einen neuen gerettet (warten auf Übertragung an mite: {count}).</translation>
    </message>
</context>
<context>
    <name>SyncPanel</name>
    <message>
        <source>New entry</source>
        <translation>Neuer Eintrag</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>Start</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>Stopp</translation>
    </message>
    <message>
        <source>Change</source>
        <translation>Änderung</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Löschen</translation>
    </message>
    <message>
        <source>Not applied in mite (nothing is lost; fix it in mite, then retry):</source>
        <translation>In mite nicht übernommen (nichts geht verloren; in mite beheben, dann erneut versuchen):</translation>
    </message>
    <message>
        <source>Actions mite did not apply</source>
        <translation>Aktionen, die mite nicht übernommen hat</translation>
    </message>
    <message>
        <source>Retry</source>
        <translation>Erneut versuchen</translation>
    </message>
    <message>
        <source>Discard</source>
        <translation>Verwerfen</translation>
    </message>
    <message>
        <source>Retry the selected action</source>
        <translation>Die ausgewählte Aktion erneut versuchen</translation>
    </message>
    <message>
        <source>Discard the selected action</source>
        <translation>Die ausgewählte Aktion verwerfen</translation>
    </message>
    <message>
        <source>⟳ Saved here, waiting to be sent to mite: {count}</source>
        <translation>⟳ Hier gespeichert, warten auf Übertragung an mite: {count}</translation>
    </message>
</context>
<context>
    <name>Text</name>
    <message>
        <source>The note</source>
        <translation>Die Bemerkung</translation>
    </message>
    <message>
        <source>The project name</source>
        <translation>Der Projektname</translation>
    </message>
    <message>
        <source>The service name</source>
        <translation>Der Name der Leistung</translation>
    </message>
    <message>
        <source>The duration</source>
        <translation>Die Dauer</translation>
    </message>
    <message>
        <source>The date</source>
        <translation>Das Datum</translation>
    </message>
    <message>
        <source>{field} must be text.</source>
        <translation>{field} muss Text sein.</translation>
    </message>
    <message>
        <source>{field} is too long: {length} characters, at most {limit}.</source>
        <translation>{field} ist zu lang: {length} Zeichen, höchstens {limit}.</translation>
    </message>
    <message>
        <source>after “{before}”</source>
        <translation>nach „{before}“</translation>
    </message>
    <message>
        <source>at the start</source>
        <translation>am Anfang</translation>
    </message>
    <message>
        <source>{field} is not valid UTF-8 text (byte 0x{byte} {where}). Set your terminal to UTF-8 and try again.</source>
        <translation>{field} ist kein gültiger UTF-8-Text (Byte 0x{byte} {where}). Stell dein Terminal auf UTF-8 um und versuch es noch einmal.</translation>
    </message>
    <message>
        <source>{field} holds a broken character (U+{code} {where}, half of a pair). Remove it and try again.</source>
        <translation>{field} enthält ein kaputtes Zeichen (U+{code} {where}, die Hälfte eines Paars). Entferne es und versuch es noch einmal.</translation>
    </message>
    <message>
        <source>{field} holds a control character (U+{code} {where}). Remove it and try again.</source>
        <translation>{field} enthält ein Steuerzeichen (U+{code} {where}). Entferne es und versuch es noch einmal.</translation>
    </message>
</context>
<context>
    <name>TimerCard</name>
    <message>
        <source>Elapsed time</source>
        <translation>Verstrichene Zeit</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>Stopp</translation>
    </message>
    <message>
        <source>Stop the timer</source>
        <translation>Stoppuhr stoppen</translation>
    </message>
    <message>
        <source>Budget: {use}</source>
        <translation>Budget: {use}</translation>
    </message>
    <message>
        <source>Timer stopped</source>
        <translation>Stoppuhr gestoppt</translation>
    </message>
    <message>
        <source>Timer started: {what}</source>
        <translation>Stoppuhr gestartet: {what}</translation>
    </message>
    <message>
        <source>Not tracking</source>
        <translation>Keine Stoppuhr läuft</translation>
    </message>
    <message>
        <source>Pick a project and press Start, or double-click one of today&apos;s entries to continue it.</source>
        <translation>Wähle ein Projekt und drücke Start, oder doppelklicke auf einen heutigen Eintrag, um ihn fortzusetzen.</translation>
    </message>
</context>
<context>
    <name>TodayList</name>
    <message>
        <source>Time</source>
        <translation>Zeit</translation>
    </message>
    <message>
        <source>Project · Service</source>
        <translation>Projekt · Leistung</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Bemerkung</translation>
    </message>
    <message>
        <source>Today&apos;s entries</source>
        <translation>Heutige Einträge</translation>
    </message>
    <message>
        <source>{note} (locked)</source>
        <translation>{note} (gesperrt)</translation>
    </message>
    <message>
        <source>Running now</source>
        <translation>Läuft gerade</translation>
    </message>
    <message>
        <source>Locked in mite</source>
        <translation>In mite gesperrt</translation>
    </message>
    <message>
        <source>▶, a double click or Enter continues it; right-click to edit or delete</source>
        <translation>▶, Doppelklick oder Enter setzt ihn fort; Rechtsklick zum Bearbeiten oder Löschen</translation>
    </message>
    <message>
        <source>Nothing booked today yet</source>
        <translation>Heute noch nichts gebucht</translation>
    </message>
    <message>
        <source>Continue this entry</source>
        <translation>Diesen Eintrag fortsetzen</translation>
    </message>
    <message>
        <source>Continue</source>
        <translation>Fortsetzen</translation>
    </message>
    <message>
        <source>Edit…</source>
        <translation>Bearbeiten …</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Löschen</translation>
    </message>
</context>
<context>
    <name>Tour</name>
    <message>
        <source>mite-tray lives in your system tray: click the stopwatch icon to open this window.</source>
        <translation>mite-tray wohnt im Infobereich der Taskleiste: Ein Klick auf die Stoppuhr öffnet dieses Fenster.</translation>
    </message>
    <message>
        <source>There is no system tray here, so mite-tray lives in this window.</source>
        <translation>Hier gibt es keinen Infobereich, daher wohnt mite-tray in diesem Fenster.</translation>
    </message>
    <message>
        <source>{shortcut} opens the quick-entry palette from anywhere.</source>
        <translation>{shortcut} öffnet überall die Schnelleingabe.</translation>
    </message>
    <message>
        <source>For the quick-entry palette, bind “mite-tray palette” to a key in your desktop’s settings.</source>
        <translation>Für die Schnelleingabe lege „mite-tray palette“ in den Einstellungen deines Desktops auf eine Taste.</translation>
    </message>
    <message>
        <source>In a terminal: mite-tray start, stop and status.</source>
        <translation>Im Terminal: mite-tray start, stop und status.</translation>
    </message>
    <message>
        <source>Got it</source>
        <translation>Verstanden</translation>
    </message>
    <message>
        <source>Close the introduction</source>
        <translation>Die Einführung schließen</translation>
    </message>
</context>
<context>
    <name>Tray</name>
    <message>
        <source>Open mite-tray</source>
        <translation>mite-tray öffnen</translation>
    </message>
    <message>
        <source>Settings…</source>
        <translation>Einstellungen …</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>Beenden</translation>
    </message>
    <message>
        <source>Open palette</source>
        <translation>Schnelleingabe öffnen</translation>
    </message>
    <message>
        <source>Stop timer</source>
        <translation>Stoppuhr stoppen</translation>
    </message>
    <message>
        <source>Not tracking</source>
        <translation>Keine Stoppuhr läuft</translation>
    </message>
    <message>
        <source>Continue: {entry}</source>
        <translation>Fortsetzen: {entry}</translation>
    </message>
    <message>
        <source>Start last entry</source>
        <translation>Letzten Eintrag starten</translation>
    </message>
    <message>
        <source>Budget: {use}</source>
        <translation>Budget: {use}</translation>
    </message>
    <message>
        <source>Today {total}</source>
        <translation>Heute {total}</translation>
    </message>
    <message>
        <source>Waiting to be sent to mite: {count}</source>
        <translation>Warten auf Übertragung an mite: {count}</translation>
    </message>
    <message>
        <source>Not applied by mite: {count} (open the window)</source>
        <translation>Von mite nicht übernommen: {count} (Fenster öffnen)</translation>
    </message>
    <message>
        <source>Offline: {problem}</source>
        <translation>Offline: {problem}</translation>
    </message>
    <message>
        <source>Problem: {problem}</source>
        <translation>Problem: {problem}</translation>
    </message>
    <message>
        <source>since {time} (+{before} before)</source>
        <translation>seit {time} (+{before} davor)</translation>
    </message>
    <message>
        <source>since {time}</source>
        <translation>seit {time}</translation>
    </message>
</context>
<context>
    <name>Undo</name>
    <message>
        <source>Deleted “{entry}”</source>
        <translation>„{entry}“ gelöscht</translation>
    </message>
    <message>
        <source>Stopped “{entry}”</source>
        <translation>„{entry}“ gestoppt</translation>
    </message>
    <message>
        <source>Continued “{entry}”</source>
        <translation>„{entry}“ fortgesetzt</translation>
    </message>
    <message>
        <source>There is nothing to undo (only the last delete, stop or continue, for five minutes).</source>
        <translation>Es gibt nichts rückgängig zu machen (nur das letzte Löschen, Stoppen oder Fortsetzen, fünf Minuten lang).</translation>
    </message>
    <message>
        <source>Undone: {what}.</source>
        <translation>Rückgängig gemacht: {what}.</translation>
    </message>
    <message>
        <source>Undo</source>
        <translation>Rückgängig</translation>
    </message>
    <message>
        <source>Undo (Ctrl+Z)</source>
        <translation>Rückgängig (Strg+Z)</translation>
    </message>
    <message>
        <source>Undo: {what}</source>
        <translation>Rückgängig: {what}</translation>
    </message>
</context>
<context>
    <name>WeekChart</name>
    <message>
        <source>1 gap</source>
        <translation>1 Lücke</translation>
    </message>
    <message>
        <source>{count} gaps</source>
        <translation>{count} Lücken</translation>
    </message>
    <message>
        <source>{difference} so far</source>
        <translation>{difference} bis heute</translation>
    </message>
    <message>
        <source>Week {number} · {total} of {target} · {difference}</source>
        <translation>KW {number} · {total} von {target} · {difference}</translation>
    </message>
    <message>
        <source>Week {number}: {total} of {target}, {difference}</source>
        <translation>Kalenderwoche {number}: {total} von {target}, {difference}</translation>
    </message>
    <message>
        <source>gap {days}</source>
        <translation>Lücke am {days}</translation>
    </message>
    <message>
        <source>{day}: {minutes} of {target}</source>
        <translation>{day}: {minutes} von {target}</translation>
    </message>
    <message>
        <source>(no project)</source>
        <translation>(kein Projekt)</translation>
    </message>
    <message>
        <source>Nothing booked</source>
        <translation>Nichts gebucht</translation>
    </message>
    <message>
        <source>Click to show this day</source>
        <translation>Klicken, um diesen Tag anzuzeigen</translation>
    </message>
    <message>
        <source>Week timesheet</source>
        <translation>Wochenübersicht</translation>
    </message>
</context>
<context>
    <name>Window</name>
    <message>
        <source>Sign in again…</source>
        <translation>Erneut anmelden …</translation>
    </message>
    <message>
        <source>Sign in to mite again with a new API key</source>
        <translation>Mit einem neuen API-Schlüssel erneut bei mite anmelden</translation>
    </message>
    <message>
        <source>Settings (Ctrl+,)</source>
        <translation>Einstellungen (Strg+,)</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>Einstellungen</translation>
    </message>
    <message>
        <source>Today &lt;b&gt;{today}&lt;/b&gt; · This week &lt;b&gt;{week}&lt;/b&gt;</source>
        <translation>Heute &lt;b&gt;{today}&lt;/b&gt; · Diese Woche &lt;b&gt;{week}&lt;/b&gt;</translation>
    </message>
    <message>
        <source>Offline: {problem} Showing the last known state.</source>
        <translation>Offline: {problem} Angezeigt wird der zuletzt bekannte Stand.</translation>
    </message>
    <message>
        <source>Problem: {problem} Showing the last known state.</source>
        <translation>Problem: {problem} Angezeigt wird der zuletzt bekannte Stand.</translation>
    </message>
    <message>
        <source>Connecting to mite… showing what was saved here.</source>
        <translation>Verbindung zu mite wird hergestellt … angezeigt wird, was hier gespeichert ist.</translation>
    </message>
    <message>
        <source>Added {duration} on {date}: {entry}</source>
        <translation>{duration} am {date} gebucht: {entry}</translation>
    </message>
    <message>
        <source>This entry is locked in mite and cannot be deleted.</source>
        <translation>Dieser Eintrag ist in mite gesperrt und kann nicht gelöscht werden.</translation>
    </message>
    <message>
        <source>Delete {duration} of {entry}?</source>
        <translation>{duration} von {entry} löschen?</translation>
    </message>
    <message>
        <source>The entry is locked in mite; as an admin you can delete it anyway.</source>
        <translation>Der Eintrag ist in mite gesperrt; als Admin kannst du ihn trotzdem löschen.</translation>
    </message>
    <message>
        <source>Delete entry</source>
        <translation>Eintrag löschen</translation>
    </message>
</context>
</TS>
