"""Writes the inbox fixtures with Python's own `email` package: messages
made by an independent writer, in the shapes real clients send (Outlook's
HTML in Windows-1252 and quoted-printable, Gmail's multipart/alternative in
base64, Thunderbird's flowed text, an automatic reply, attachments).

Run from this folder: python3 make_messages.py (the .eml files are
committed; the tests read them, not this script)."""

from email.headerregistry import Address
from email.message import EmailMessage
from email.policy import SMTP

DATE = "Thu, 07 Nov 2024 16:20:00 +0100"


def message(sender: Address, subject: str, date: str, message_id: str) -> EmailMessage:
    m = EmailMessage(policy=SMTP)
    m["From"] = sender
    m["To"] = Address("Sekretariatet for Osloregionen", "karoline.bakke", "osloregionen.no")
    m["Subject"] = subject
    m["Date"] = date
    m["Message-ID"] = message_id
    return m


SIRI = Address("Siri Ødegård", "siri.odegard", "asker.kommune.no")
TROND = Address("Trond Haugen", "trond.haugen", "drammen.kommune.no")
JONAS = Address("Jonas Vårum Olafsen", "jonas.olafsen", "lillestrom.kommune.no")
EYSTEN = Address("Eysten Kleiven", "eysten.kleiven", "fredrikstad.kommune.no")

# Outlook: HTML only, Windows-1252, quoted-printable; a list in
# MsoListParagraph paragraphs; the closing; the earlier message quoted.
outlook = message(SIRI, "SV: Innkalling til møte 7. november", DATE, "<AM0PR01MB1234@eurprd01.prod.outlook.com>")
outlook.set_content(
    """<html><head><meta http-equiv=Content-Type content="text/html; charset=windows-1252">
<style>p.MsoNormal {margin:0cm;} p.MsoListParagraph {margin-left:36pt;}</style></head>
<body lang=NO-BOK><div class=WordSection1>
<p class=MsoNormal><b>Asker kommune</b><o:p></o:p></p>
<p class=MsoNormal>Vi har vedtatt ny næringsplan. Hovedpunkter:<o:p></o:p></p>
<p class=MsoListParagraph style='text-indent:-18.0pt;mso-list:l0 level1 lfo1'><![if !supportLists]><span style='font-family:Symbol'><span style='mso-list:Ignore'>·<span style='font:7.0pt "Times New Roman"'>&nbsp;&nbsp;&nbsp;&nbsp;&nbsp;&nbsp;&nbsp; </span></span></span><![endif]>Kompetanse og rekruttering<o:p></o:p></p>
<p class=MsoListParagraph style='text-indent:-18.0pt;mso-list:l0 level1 lfo1'><![if !supportLists]><span style='font-family:Symbol'><span style='mso-list:Ignore'>·<span style='font:7.0pt "Times New Roman"'>&nbsp;&nbsp;&nbsp;&nbsp;&nbsp;&nbsp;&nbsp; </span></span></span><![endif]>Areal til <i>næring</i><o:p></o:p></p>
<p class=MsoNormal><o:p>&nbsp;</o:p></p>
<p class=MsoNormal>Med vennlig hilsen<o:p></o:p></p>
<p class=MsoNormal>Siri Ødegård<o:p></o:p></p>
<p class=MsoNormal>Næringssjef, Asker kommune<o:p></o:p></p>
<p class=MsoNormal>Tlf. 412 03 424<o:p></o:p></p>
<p class=MsoNormal><o:p>&nbsp;</o:p></p>
<div style='border:none;border-top:solid #E1E1E1 1.0pt;padding:3.0pt 0cm 0cm 0cm'>
<p class=MsoNormal><b>Fra:</b> Karoline Bakke &lt;karoline.bakke@osloregionen.no&gt;<br>
<b>Sendt:</b> torsdag 24. oktober 2024 09:00<br>
<b>Til:</b> Siri Ødegård &lt;siri.odegard@asker.kommune.no&gt;<br>
<b>Emne:</b> Innkalling til møte 7. november<o:p></o:p></p></div>
<p class=MsoNormal>Send innspill skriftlig før møtet.<o:p></o:p></p>
</div></body></html>""",
    subtype="html",
    charset="windows-1252",
    cte="quoted-printable",
)

# Gmail: multipart/alternative, UTF-8 in base64; Sami letters; the
# attribution and quoted lines of the earlier message.
gmail = message(TROND, "Innspill fra Drammen – Sámi áššit", DATE.replace("16:20", "18:05"), "<CAF=gmail-1234@mail.gmail.com>")
gmail.set_content(
    "Drammen: arbeidet med sámi áššit (čđŋšŧž) og næringsarealer går videre.\n\n"
    "Den tor. 24. okt. 2024 kl. 09:00 skrev Karoline Bakke <karoline.bakke@osloregionen.no>:\n"
    "> Send innspill skriftlig før møtet.\n",
    charset="utf-8",
    cte="base64",
)
gmail.add_alternative(
    "<div dir=\"ltr\"><p>Drammen: arbeidet med <b>sámi áššit</b> (čđŋšŧž) og næringsarealer går videre.</p></div>"
    "<br><div class=\"gmail_quote\"><div dir=\"ltr\" class=\"gmail_attr\">Den tor. 24. okt. 2024 kl. 09:00 skrev "
    "Karoline Bakke &lt;<a href=\"mailto:karoline.bakke@osloregionen.no\">karoline.bakke@osloregionen.no</a>&gt;:<br></div>"
    "<blockquote class=\"gmail_quote\">Send innspill skriftlig før møtet.</blockquote></div>",
    subtype="html",
    charset="utf-8",
    cte="base64",
)

# Thunderbird: flowed text (RFC 3676, delsp=yes) and a signature.
thunderbird = message(JONAS, "Innspill", DATE.replace("16:20", "19:00"), "<5f1c2a@lillestrom.kommune.no>")
thunderbird.set_content(
    "Lillestrøm arbeider med en ny strategi for  \nnæringsutvikling som vedtas i desember.\n\n-- \nJonas Vårum Olafsen\nLillestrøm kommune\n",
    charset="utf-8",
    cte="8bit",
)
thunderbird.replace_header("Content-Type", 'text/plain; charset="utf-8"; format=flowed; delsp=yes')

# An automatic reply.
away = message(EYSTEN, "Automatisk svar: Innkalling til møte 7. november", DATE, "<auto-1@fredrikstad.kommune.no>")
away["Auto-Submitted"] = "auto-replied"
away.set_content("Jeg er borte til 11. november.\n")

# A sender not on the roster (a typo of one who is).
stranger = message(Address("Siri Ødegård", "siri.odegaard", "asker.kommune.no"), "Innspill", DATE, "<typo-1@asker.kommune.no>")
stranger.set_content("Asker: ny næringsplan.\n")

# A cover text, a text attachment read into the contribution, and a PDF
# that is not read.
attached = message(TROND, "Innspill med vedlegg", DATE.replace("16:20", "20:00"), "<vedlegg-1@drammen.kommune.no>")
attached.set_content("Se vedlagt innspill.\n")
attached.add_attachment("Drammen: næringsarealer i Lierstranda.\n".encode(), maintype="text", subtype="plain", filename="innspill.txt")
attached.add_attachment(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", maintype="application", subtype="pdf", filename="rapport.pdf")

for name, m in [
    ("outlook-html.eml", outlook),
    ("gmail-alternative.eml", gmail),
    ("thunderbird-flowed.eml", thunderbird),
    ("auto-reply.eml", away),
    ("unknown-sender.eml", stranger),
    ("attachments.eml", attached),
]:
    with open(name, "wb") as out:
        out.write(m.as_bytes())

# The same messages as an mbox and a Maildir, written by Python's own
# `mailbox` module; one body line starts with "From " (escaped as ">From "
# in the mbox).
import mailbox
import os
import shutil

escaped = message(EYSTEN, "Innspill", DATE.replace("16:20", "21:00"), "<from-line@fredrikstad.kommune.no>")
escaped.set_content("Fredrikstad:\nFrom now on we meet monthly.\n")
everything = [outlook, gmail, thunderbird, away, stranger, attached, escaped]
if os.path.exists("mailbox.mbox"):
    os.remove("mailbox.mbox")
box = mailbox.mbox("mailbox.mbox")
for m in everything:
    box.add(m)
box.flush()
box.close()
shutil.rmtree("maildir", ignore_errors=True)
maildir = mailbox.Maildir("maildir", create=True)
for m in everything:
    maildir.add(m)
maildir.close()

# Apple Mail: multipart/alternative, the plain part quoted-printable and
# flowed, the earlier message quoted after "Den … skrev …:" (in HTML a
# <blockquote type="cite">).
apple = message(JONAS, "Re: Innkalling til møte 7. november", DATE.replace("16:20", "22:10"), "<6B1F0C2E-1A2B-4C3D-9E8F-0123456789AB@lillestrom.kommune.no>")
apple.set_content(
    "Lillestrøm: vi deler gjerne erfaringer fra næringsarbeidet på neste møte.\n\n"
    "> Den 24. okt. 2024 kl. 09:00 skrev Karoline Bakke <karoline.bakke@osloregionen.no>:\n>\n> Send innspill skriftlig.\n",
    charset="utf-8",
    cte="quoted-printable",
)
apple.add_alternative(
    "<html><body style=\"overflow-wrap: break-word;\">Lillestrøm: vi deler gjerne erfaringer fra "
    "næringsarbeidet på neste møte.<br><div><br><blockquote type=\"cite\"><div>Den 24. okt. 2024 kl. 09:00 "
    "skrev Karoline Bakke &lt;karoline.bakke@osloregionen.no&gt;:</div><br><div>Send innspill skriftlig.</div>"
    "</blockquote></div></body></html>",
    subtype="html",
    charset="utf-8",
    cte="quoted-printable",
)
with open("apple-mail.eml", "wb") as out:
    out.write(apple.as_bytes())
