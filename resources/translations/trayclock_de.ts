<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
<context>
    <name>AttachPrompt</name>
    <message>
        <location filename="../../trayclock/ui/prompt.py" line="54"/>
        <source>trayclock: which customer?</source>
        <translation>trayclock: welcher Kunde?</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/prompt.py" line="73"/>
        <location filename="../../trayclock/ui/prompt.py" line="153"/>
        <source>Which customer was this session for?</source>
        <translation>Für welchen Kunden war diese Sitzung?</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/prompt.py" line="82"/>
        <source>optional, e.g. #4711</source>
        <translation>optional, z. B. #4711</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/prompt.py" line="85"/>
        <source>what you did (optional)</source>
        <translation>was Sie gemacht haben (optional)</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/prompt.py" line="86"/>
        <source>Non-billable</source>
        <translation>Nicht abrechenbar</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/prompt.py" line="88"/>
        <source>Remember this partner for this customer</source>
        <translation>Diesen Partner für diesen Kunden merken</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/prompt.py" line="93"/>
        <source>Attach</source>
        <translation>Zuordnen</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/prompt.py" line="96"/>
        <source>Later</source>
        <translation>Später</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/prompt.py" line="102"/>
        <source>Customer</source>
        <translation>Kunde</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/prompt.py" line="103"/>
        <source>Ticket</source>
        <translation>Ticket</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/prompt.py" line="104"/>
        <source>Notes</source>
        <translation>Notizen</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/prompt.py" line="145"/>
        <source>{app} session to {partner}</source>
        <translation>{app}-Sitzung zu {partner}</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/prompt.py" line="151"/>
        <source>Change the customer of this session?</source>
        <translation>Kunden dieser Sitzung ändern?</translation>
    </message>
</context>
<context>
    <name>CustomerPicker</name>
    <message>
        <location filename="../../trayclock/ui/customer_picker.py" line="38"/>
        <source>Type a customer&apos;s name…</source>
        <translation>Kundennamen eintippen…</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/customer_picker.py" line="69"/>
        <source>+ New customer “{name}”</source>
        <translation>+ Neuer Kunde „{name}“</translation>
    </message>
</context>
<context>
    <name>StatusWindow</name>
    <message>
        <location filename="../../trayclock/ui/status_window.py" line="25"/>
        <source>trayclock</source>
        <translation>trayclock</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/status_window.py" line="28"/>
        <source>This desktop has no system tray, so trayclock shows this window.</source>
        <translation>Dieser Desktop hat keinen Infobereich, darum zeigt trayclock dieses Fenster.</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/status_window.py" line="33"/>
        <source>Menu…</source>
        <translation>Menü…</translation>
    </message>
</context>
<context>
    <name>TrayController</name>
    <message>
        <location filename="../../trayclock/ui/tray.py" line="144"/>
        <source>{customer}: session attached</source>
        <translation>{customer}: Sitzung zugeordnet</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/tray.py" line="145"/>
        <source>{app} {partner} is known. Click here to change the customer.</source>
        <translation>{app} {partner} ist bekannt. Hier klicken, um den Kunden zu ändern.</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/tray.py" line="154"/>
        <source>Company policy: split — the shared time is divided between them.</source>
        <translation>Firmenregel: teilen — die gemeinsame Zeit wird aufgeteilt.</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/tray.py" line="156"/>
        <source>Company policy: bill each — each is billed the full shared time.</source>
        <translation>Firmenregel: jeder zahlt — jedem wird die ganze gemeinsame Zeit berechnet.</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/tray.py" line="158"/>
        <source>Two customers at once</source>
        <translation>Zwei Kunden gleichzeitig</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/tray.py" line="159"/>
        <source>{a} and {b} are both running.</source>
        <translation>{a} und {b} laufen beide.</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/tray.py" line="161"/>
        <source>{count} customers at once</source>
        <translation>{count} Kunden gleichzeitig</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/tray.py" line="162"/>
        <source>{some} and {last} are running at the same time.</source>
        <translation>{some} und {last} laufen gleichzeitig.</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/tray.py" line="169"/>
        <source>Two sessions for {customer}</source>
        <translation>Zwei Sitzungen für {customer}</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/tray.py" line="170"/>
        <source>They overlap; the shared time is billed once.</source>
        <translation>Sie überschneiden sich; die gemeinsame Zeit wird einmal berechnet.</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/tray.py" line="174"/>
        <source>trayclock could not do that</source>
        <translation>trayclock konnte das nicht ausführen</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/tray.py" line="198"/>
        <location filename="../../trayclock/ui/tray.py" line="222"/>
        <source>No session running</source>
        <translation>Keine Sitzung läuft</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/tray.py" line="201"/>
        <location filename="../../trayclock/ui/tray.py" line="253"/>
        <source>Today so far: {total}</source>
        <translation>Heute bisher: {total}</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/tray.py" line="203"/>
        <location filename="../../trayclock/ui/tray.py" line="336"/>
        <source>Sync problem: {detail}</source>
        <translation>Sync-Problem: {detail}</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/tray.py" line="206"/>
        <source>{count} ended session(s) wait for a customer</source>
        <translation>{count} beendete Sitzung(en) warten auf einen Kunden</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/tray.py" line="211"/>
        <source>Detection paused</source>
        <translation>Erkennung pausiert</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/tray.py" line="222"/>
        <source>Running sessions</source>
        <translation>Laufende Sitzungen</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/tray.py" line="230"/>
        <source>Ended, waiting for a customer</source>
        <translation>Beendet, wartet auf einen Kunden</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/tray.py" line="240"/>
        <source>Start manual timer</source>
        <translation>Manuellen Timer starten</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/tray.py" line="247"/>
        <source>Stop manual timer ({elapsed})</source>
        <translation>Manuellen Timer stoppen ({elapsed})</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/tray.py" line="258"/>
        <source>Review day…</source>
        <translation>Tag prüfen…</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/tray.py" line="259"/>
        <source>Customers…</source>
        <translation>Kunden…</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/tray.py" line="260"/>
        <source>Settings…</source>
        <translation>Einstellungen…</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/tray.py" line="265"/>
        <source>Sync now</source>
        <translation>Jetzt synchronisieren</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/tray.py" line="271"/>
        <source>Pause detection</source>
        <translation>Erkennung pausieren</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/tray.py" line="277"/>
        <source>Quit trayclock</source>
        <translation>trayclock beenden</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/tray.py" line="299"/>
        <source>Attach customer…</source>
        <translation>Kunden zuordnen…</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/tray.py" line="299"/>
        <source>Change customer…</source>
        <translation>Kunden ändern…</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/tray.py" line="307"/>
        <source>Add note…</source>
        <translation>Notiz hinzufügen…</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/tray.py" line="308"/>
        <source>Ticket…</source>
        <translation>Ticket…</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/tray.py" line="313"/>
        <source>Non-billable</source>
        <translation>Nicht abrechenbar</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/tray.py" line="319"/>
        <source>Stop</source>
        <translation>Stoppen</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/tray.py" line="332"/>
        <source>Sync: up to date</source>
        <translation>Sync: aktuell</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/tray.py" line="334"/>
        <source>Sync: {count} waiting to send</source>
        <translation>Sync: {count} warten auf Versand</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/tray.py" line="337"/>
        <source>Sync: no backend set up</source>
        <translation>Sync: kein Backend eingerichtet</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/tray.py" line="344"/>
        <source>Note</source>
        <translation>Notiz</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/tray.py" line="344"/>
        <source>What did you do?</source>
        <translation>Was haben Sie gemacht?</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/tray.py" line="353"/>
        <source>Ticket</source>
        <translation>Ticket</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/tray.py" line="353"/>
        <source>Ticket number:</source>
        <translation>Ticketnummer:</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/tray.py" line="362"/>
        <source>Not available yet</source>
        <translation>Noch nicht verfügbar</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/tray.py" line="363"/>
        <source>This window is not part of this version of trayclock yet.</source>
        <translation>Dieses Fenster ist in dieser trayclock-Version noch nicht enthalten.</translation>
    </message>
</context>
<context>
    <name>texts</name>
    <message>
        <location filename="../../trayclock/ui/texts.py" line="17"/>
        <source>Manual timer</source>
        <translation>Manueller Timer</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/texts.py" line="37"/>
        <source>an unknown partner</source>
        <translation>einem unbekannten Partner</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/texts.py" line="50"/>
        <source>no customer yet</source>
        <translation>noch kein Kunde</translation>
    </message>
</context>
</TS>
