namespace GymAutomation.Core.Email;

/// <summary>The <c>Email</c> section of appsettings.json: who emails come from and how they leave the app.</summary>
public sealed class EmailOptions
{
    public const string Section = "Email";

    public string FromAddress { get; set; } = "noreply@demo.gym";

    /// <summary>The sender's display name; left empty, the gym's name (<c>Gym:Name</c>).</summary>
    public string FromName { get; set; } = "";

    public EmailTransportKind Transport { get; set; } = EmailTransportKind.Pickup;

    /// <summary>Where the pickup transport writes its .eml files; a relative path is read against the app's content root.</summary>
    public string PickupDirectory { get; set; } = "App_Data/mail-pickup";

    public SmtpOptions Smtp { get; set; } = new();
}

/// <summary>The <c>Email:Smtp</c> section: the mail server the SMTP transport sends through.</summary>
public sealed class SmtpOptions
{
    public string Host { get; set; } = "";

    public int Port { get; set; } = 587;

    public SmtpSecurity Security { get; set; } = SmtpSecurity.Auto;

    /// <summary>
    /// The SHA-256 fingerprint of the server's certificate (64 hexadecimal digits, colons allowed, as
    /// <c>openssl x509 -fingerprint -sha256</c> prints it), for a relay whose certificate no authority this machine trusts
    /// has signed — one on the gym's own network. That certificate is then accepted, and no other untrusted one. Left
    /// empty, only certificates this machine trusts.
    /// </summary>
    public string CertificateFingerprint { get; set; } = "";

    /// <summary>Left empty, the app sends without signing in.</summary>
    public string Username { get; set; } = "";

    public string Password { get; set; } = "";

    /// <summary>How long to wait for the server at each step (connecting, each command) before giving up.</summary>
    public int TimeoutSeconds { get; set; } = 30;

    /// <summary>
    /// Connections to the server used at once at most: a run hands a group of emails to several, each email to one.
    /// Opened as they are needed and kept open between sends.
    /// </summary>
    public int Connections { get; set; } = 4;
}

public enum EmailTransportKind
{
    /// <summary>Writes each message as an .eml file to a folder; nothing leaves the machine.</summary>
    Pickup,

    /// <summary>Sends through an SMTP server.</summary>
    Smtp,
}

public enum SmtpSecurity
{
    /// <summary>TLS from the start on port 465; elsewhere STARTTLS when the server offers it.</summary>
    Auto,

    /// <summary>STARTTLS, and fail if the server does not offer it.</summary>
    StartTls,

    /// <summary>TLS from the first byte (SMTPS, usually port 465).</summary>
    SslOnConnect,

    /// <summary>No encryption: only for a relay on the same machine or network.</summary>
    None,
}
