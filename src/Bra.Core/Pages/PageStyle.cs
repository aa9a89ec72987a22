using System.Security.Cryptography;
using System.Text;

namespace Bra.Core.Pages;

/// <summary>The one stylesheet of every page, inlined and allowed by its hash in the content security policy.</summary>
public static class PageStyle
{
    public const string Css = """
        :root{--ink:#1b1b1b;--muted:#4a4a4a;--line:#8a8a8a;--accent:#00507a;--bg:#ffffff;--ok:#1e6b34;--warn:#7a5200;--bad:#a3161a}
        *{box-sizing:border-box}
        body{margin:0;font:1rem/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:var(--ink);background:var(--bg)}
        main{max-width:48rem;margin:0 auto;padding:1rem}
        header.site{background:var(--accent);color:#fff;padding:.75rem 1rem}
        header.site a{color:#fff}
        header.staff{display:flex;flex-wrap:wrap;align-items:center;gap:.25rem 1.5rem}
        header.site .service{font-weight:700}
        header.site .logo{vertical-align:middle;margin-right:.5rem;max-height:32px;width:auto}
        header.staff .who{margin:0}
        header.staff nav ul{list-style:none;margin:0;padding:0;display:flex;flex-wrap:wrap;gap:.25rem 1rem}
        header.staff [aria-current=page]{font-weight:700;text-decoration-thickness:3px}
        header.staff button{margin:0;padding:.3rem .8rem;color:var(--accent);background:#fff}
        .table-scroll{overflow-x:auto}
        .skip{position:absolute;left:-9999px}
        .skip:focus{position:static;display:inline-block;padding:.5rem}
        h1{font-size:1.6rem;line-height:1.25}
        a{color:var(--accent)}
        a:focus,button:focus,input:focus,select:focus,textarea:focus{outline:3px solid #ffbf47;outline-offset:2px}
        label{display:block;font-weight:600;margin-top:1rem}
        fieldset{border:1px solid var(--line);margin-top:1rem;padding:.5rem 1rem}
        legend{font-weight:600}
        fieldset label{display:inline;font-weight:400;margin:0 0 0 .25rem}
        .choice{margin:.5rem 0;display:flex;align-items:flex-start;gap:.5rem}
        .choice label{display:inline;margin:0;font-weight:400}
        input[type=checkbox],input[type=radio]{width:1.5rem;height:1.5rem;margin:0 .25rem 0 0;flex:none;vertical-align:middle}
        input[type=date],input[type=datetime-local],input[type=number],input[type=file]{min-height:2.75rem;padding:.5rem;border:1px solid var(--line);border-radius:4px;font:inherit;max-width:100%}
        input[type=text],input[type=email],textarea,select{width:100%;padding:.5rem;border:1px solid var(--line);border-radius:4px;font:inherit}
        textarea{min-height:10rem}
        button{display:block;margin-top:1rem;padding:.6rem 1.2rem;font:inherit;font-weight:600;color:#fff;background:var(--accent);border:0;border-radius:4px;cursor:pointer}
        .hint{color:var(--muted);font-size:.95rem;margin:.25rem 0}
        .error{color:var(--bad);font-weight:600}
        .notice{border-left:6px solid var(--accent);padding:.5rem 1rem;background:#eef5f9}
        .notice.error,.error-summary{border:3px solid var(--bad);border-left-width:6px;background:#fdf2f2;color:var(--ink)}
        .error-summary h2{color:var(--bad);margin-top:.25rem}
        .error-summary a{color:var(--bad);font-weight:600}
        button.danger{background:var(--bad)}
        button.secondary{background:#fff;color:var(--accent);border:2px solid var(--accent)}
        table{border-collapse:collapse;width:100%}
        th,td{border:1px solid var(--line);padding:.4rem;text-align:left;vertical-align:top}
        dl{display:grid;grid-template-columns:max-content 1fr;gap:.25rem 1rem}
        dt{font-weight:600}
        pre.answer{white-space:pre-wrap;font:inherit}
        code{overflow-wrap:anywhere} h1,h2,h3,h4{overflow-wrap:break-word;hyphens:auto}
        .status-ok{color:var(--ok)} .status-warn{color:var(--warn)} .status-bad{color:var(--bad)}
        @media print{header.site,button,form{display:none} body{font-size:11pt} a{color:var(--ink)}}
        .light{display:inline-block;padding:.1rem .5rem;border:2px solid currentColor;border-radius:1rem;background:#fff}
        .light-icon{font-weight:700}
        .light-green{color:var(--ok)} .light-yellow{color:var(--warn)} .light-red{color:var(--bad)} .light-none{color:var(--muted)}
        ul.camera-sites{list-style:none;padding:0}
        li.camera-site{border:1px solid var(--line);border-radius:4px;padding:.5rem 1rem;margin:1rem 0}
        li.camera-site h2{font-size:1.25rem;margin:.25rem 0}
        @media (max-width:30rem){dl{grid-template-columns:1fr} dd{margin-left:0} h1{font-size:1.35rem} h2{font-size:1.2rem}}
        @media print{li.camera-site{break-inside:avoid} .light{border-width:1px}}
        """;

    public static readonly string Hash = "sha256-" + Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(Css)));
}
