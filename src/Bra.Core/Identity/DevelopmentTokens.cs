using System.Security.Claims;
using System.Security.Cryptography;
using Bra.Core.People;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Bra.Core.Identity;

/// <summary>
/// Development host sign-in: mints short-lived tokens and validates them. The HMAC key lives in the local data folder,
/// so tokens survive a restart of the host but never leave the machine. A token for a person in the register carries the
/// register's roles plus <see cref="StaffRoles.Staff"/> (they stand in for app-role assignments); a token for someone
/// not yet in the register carries the roles asked for, so the first sign-in runs here as it does in Azure. The object id
/// is the stored one, or one derived from the email (the same person always gets the same one).
/// </summary>
public sealed class DevelopmentTokens(IOptions<AuthOptions> options, TimeProvider time) : ITokenValidationSource
{
    public const string Issuer = "bra-devhost";
    public const string AudienceValue = "bra-devhost-api";
    public const string CookieName = "bra_dev_staff";

    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    private readonly Lazy<SymmetricSecurityKey> key = new(() => LoadOrCreateKey(options.Value.DevelopmentKeyFolder));

    public string Mint(Person person) =>
        Mint(person.EntraObjectId ?? ObjectIdFor(person.Email), person.Email, person.Name, person.Roles.Append(StaffRoles.Staff));

    /// <summary>A token for someone not yet in the register, with the app roles given (none: a token the service refuses).</summary>
    public string MintForNewcomer(string email, string name, IEnumerable<string> roles) => Mint(ObjectIdFor(email), email, name, roles);

    /// <summary>The object id the development sign-in gives an email address without one in the register.</summary>
    public static string ObjectIdFor(string email) =>
        new Guid(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes("dev-oid:" + Email.EmailAddress.Normalize(email)))[..16]).ToString();

    private string Mint(string objectId, string email, string name, IEnumerable<string> roles)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var claims = new List<Claim> { new("oid", objectId), new("email", email), new("name", name) };
        claims.AddRange(roles.Distinct(StringComparer.Ordinal).Select(role => new Claim("roles", role)));
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = Issuer,
            Audience = AudienceValue,
            Subject = new ClaimsIdentity(claims),
            IssuedAt = now,
            NotBefore = now,
            Expires = now.AddMinutes(options.Value.DevelopmentTokenMinutes),
            SigningCredentials = new SigningCredentials(key.Value, SecurityAlgorithms.HmacSha256),
        });
    }

    public Task<TokenValidationParameters> GetParametersAsync(CancellationToken cancellationToken) =>
        Task.FromResult(new TokenValidationParameters
        {
            ValidIssuer = Issuer,
            ValidAudience = AudienceValue,
            IssuerSigningKey = key.Value,
            ValidAlgorithms = [SecurityAlgorithms.HmacSha256],
            RequireSignedTokens = true,
            RequireExpirationTime = true,
            ClockSkew = TimeSpan.FromSeconds(30),
        });

    /// <summary>The key is local and never rotates while the host runs.</summary>
    public void RequestRefresh()
    {
    }

    /// <summary>Only the development host mints tokens for this issuer and audience, and only access tokens.</summary>
    public bool IsAccessToken(ClaimsIdentity identity) => true;

    /// <summary>The development sign-in has no guests.</summary>
    public bool IsTenantMember(ClaimsIdentity identity) => true;

    private static SymmetricSecurityKey LoadOrCreateKey(string? folder)
    {
        if (string.IsNullOrWhiteSpace(folder))
        {
            throw new InvalidOperationException("Auth:DevelopmentKeyFolder must be set in development mode.");
        }

        var path = Path.Combine(folder, "dev-signing-key.bin");
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(folder);
        }
        else
        {
            Directory.CreateDirectory(folder, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        if (!File.Exists(path))
        {
            var fresh = RandomNumberGenerator.GetBytes(32);
            var temp = path + "." + Guid.NewGuid().ToString("N");
            var create = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
            if (!OperatingSystem.IsWindows())
            {
                create.UnixCreateMode = OwnerOnly; // readable by the owner only, from the moment it exists
            }

            using (var file = new FileStream(temp, create))
            {
                file.Write(fresh);
            }

            try
            {
                File.Move(temp, path, overwrite: false);
            }
            catch (IOException)
            {
                File.Delete(temp); // another process created it first; use theirs
            }
        }

        if (!OperatingSystem.IsWindows() && (File.GetUnixFileMode(path) & ~OwnerOnly) != 0)
        {
            File.SetUnixFileMode(path, OwnerOnly); // a key written by an earlier version with the default umask
        }

        return new SymmetricSecurityKey(File.ReadAllBytes(path));
    }
}
