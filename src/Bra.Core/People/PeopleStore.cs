using Bra.Core.Validation;
using System.Security.Cryptography;
using System.Text;
using Azure;
using Bra.Core.Email;
using Bra.Core.Storage;

namespace Bra.Core.People;

/// <summary>
/// The people register in one table: partition <c>person</c> and <c>unit</c> hold the records; <c>email</c> and
/// <c>oid</c> hold unique index rows whose insert fails with 409 on a duplicate, so uniqueness holds under concurrency.
/// Writes take input already checked by <see cref="PersonInputValidator"/> or <see cref="UnitInputValidator"/> (through
/// <see cref="PeopleRegister"/>); what only the table can tell (a duplicate email or object id, a concurrent change)
/// comes back as a <see cref="Result{T}"/>.
/// </summary>
public sealed class PeopleStore(StorageAccount storage, TimeProvider time) : IPeopleLookup
{
    public const string TableName = "People";
    private const string PersonPartition = "person";
    private const string UnitPartition = "unit";
    private const string EmailPartition = "email";
    private const string ObjectIdPartition = "oid";
    public const string NotFoundMessage = "Posten finns inte.";
    public const string ConflictMessage = "Posten ändrades samtidigt av någon annan. Hämta den igen och försök på nytt.";
    private readonly RecordTable records = new(storage, TableName);

    public async Task<IReadOnlyList<Person>> ListPeopleAsync(CancellationToken ct = default) =>
        await records.ListAsync<Person>(r => r.PartitionKey == PersonPartition, ct);

    public async Task<IReadOnlyList<Unit>> ListUnitsAsync(CancellationToken ct = default) =>
        await records.ListAsync<Unit>(r => r.PartitionKey == UnitPartition, ct);

    public async Task<Person?> GetPersonAsync(string id, CancellationToken ct = default) =>
        (await records.GetAsync<Person>(PersonPartition, id, ct))?.Value;

    public async Task<Unit?> GetUnitAsync(string id, CancellationToken ct = default) =>
        (await records.GetAsync<Unit>(UnitPartition, id, ct))?.Value;

    public Task<Versioned<Person>?> GetPersonVersionAsync(string id, CancellationToken ct = default) =>
        records.GetAsync<Person>(PersonPartition, id, ct);

    public Task<Versioned<Unit>?> GetUnitVersionAsync(string id, CancellationToken ct = default) =>
        records.GetAsync<Unit>(UnitPartition, id, ct);

    public async Task<Person?> FindByEmailAsync(string email, CancellationToken ct = default) =>
        await records.GetRowAsync(EmailPartition, EmailKey(email), ct) is { } index ? await GetPersonAsync(index.Json, ct) : null;

    public async Task<Person?> FindByObjectIdAsync(string objectId, CancellationToken ct = default) =>
        await records.GetRowAsync(ObjectIdPartition, objectId.ToLowerInvariant(), ct) is { } index ? await GetPersonAsync(index.Json, ct) : null;

    public Task<Result<Person>> CreatePersonAsync(PersonInput input, CancellationToken ct = default) =>
        CreatePersonAsync(Guid.NewGuid().ToString("N"), input, ct);

    public async Task<Result<Person>> CreatePersonAsync(string id, PersonInput input, CancellationToken ct = default)
    {
        var now = time.GetUtcNow();
        var person = new Person(id, input.Name!.Trim(), input.Email!.Trim(), TextInput.Optional(input.Title), TextInput.Optional(input.ManagerId),
            TextInput.Optional(input.EntraObjectId)?.ToLowerInvariant(), (input.Roles ?? []).Distinct().ToList(), now, now);
        var claimed = await ClaimIndexesAsync(person, previous: null, ct);
        if (claimed is not null)
        {
            return Result<Person>.Invalid(claimed);
        }

        try
        {
            if (await records.TryInsertAsync(PersonPartition, id, person, ct))
            {
                return Result<Person>.Created(person);
            }
        }
        catch
        {
            await ReleaseIndexesAsync(person, keep: null, ct);
            throw;
        }

        await ReleaseIndexesAsync(person, keep: null, ct);
        return Result<Person>.Conflict(ConflictMessage);
    }

    /// <summary>
    /// Replaces <paramref name="existing"/> unless it changed since it was read (then a conflict). A stored Entra object id
    /// stays as it is (<see cref="ChangeObjectIdAsync"/> replaces it); one is taken from the input only while none is stored.
    /// </summary>
    public Task<Result<Person>> UpdatePersonAsync(Versioned<Person> existing, PersonInput input, CancellationToken ct = default) =>
        ReplaceAsync(existing, existing.Value with
        {
            Name = input.Name!.Trim(),
            Email = input.Email!.Trim(),
            Title = TextInput.Optional(input.Title),
            ManagerId = TextInput.Optional(input.ManagerId),
            EntraObjectId = existing.Value.EntraObjectId ?? TextInput.Optional(input.EntraObjectId)?.ToLowerInvariant(),
            Roles = (input.Roles ?? []).Distinct().ToList(),
            UpdatedAt = time.GetUtcNow(),
        }, ct);

    /// <summary>Stores <paramref name="objectId"/> on a person who has none yet (matched by email at sign-in).</summary>
    public Task<Result<Person>> AttachObjectIdAsync(Versioned<Person> existing, string objectId, CancellationToken ct = default) =>
        existing.Value.EntraObjectId is null
            ? ReplaceAsync(existing, existing.Value with { EntraObjectId = objectId.ToLowerInvariant(), UpdatedAt = time.GetUtcNow() }, ct)
            : Task.FromResult(Result<Person>.Conflict(ConflictMessage));

    /// <summary>Replaces the person's Entra object id, recording who did it, when and why (<paramref name="change"/>).</summary>
    public Task<Result<Person>> ChangeObjectIdAsync(Versioned<Person> existing, string objectId, ObjectIdChange change, CancellationToken ct = default) =>
        ReplaceAsync(existing, existing.Value with
        {
            EntraObjectId = objectId.ToLowerInvariant(), ObjectIdChange = change, UpdatedAt = change.ChangedAt,
        }, ct);

    /// <summary>
    /// Adds a person at their first sign-in, under an id derived from the object id, so concurrent first sign-ins of one
    /// person race for one row: the insert is the claim (a loser gets a conflict and reads the winner's row), and the
    /// unique email and object id index rows follow. When another person holds the email, the row is taken back and the
    /// field error returned.
    /// </summary>
    public async Task<Result<Person>> AddAtFirstSignInAsync(string id, PersonInput input, CancellationToken ct = default)
    {
        var now = time.GetUtcNow();
        var person = new Person(id, input.Name!.Trim(), input.Email!.Trim(), null, null, TextInput.Optional(input.EntraObjectId)?.ToLowerInvariant(),
            (input.Roles ?? []).Distinct().ToList(), now, now, AddedAtFirstSignIn: true);
        if (!await records.TryInsertAsync(PersonPartition, id, person, ct))
        {
            return Result<Person>.Conflict(ConflictMessage);
        }

        if (await ClaimIndexesAsync(person, previous: null, ct) is { } claimed)
        {
            await (await records.ClientAsync(ct)).DeleteEntityAsync(PersonPartition, id, ETag.All, ct);
            return Result<Person>.Invalid(claimed);
        }

        return Result<Person>.Created(person);
    }

    private async Task<Result<Person>> ReplaceAsync(Versioned<Person> existing, Person person, CancellationToken ct)
    {
        var previous = existing.Value;
        var claimed = await ClaimIndexesAsync(person, previous, ct);
        if (claimed is not null)
        {
            return Result<Person>.Invalid(claimed);
        }

        if (await records.TryReplaceAsync(PersonPartition, person.Id, person, existing.ETag, ct) is null)
        {
            await ReleaseIndexesAsync(person, keep: previous, ct);
            return Result<Person>.Conflict(ConflictMessage);
        }

        await ReleaseIndexesAsync(previous, keep: person, ct);
        return Result<Person>.Ok(person);
    }

    /// <summary>
    /// Deactivates a person: the record stays (history refers to it) with <see cref="Person.DeactivatedAt"/> set, so the
    /// person signs in to nothing from now on. Deactivating an already deactivated person changes nothing.
    /// </summary>
    public async Task<Result<Person>> DeactivatePersonAsync(string id, CancellationToken ct = default)
    {
        if (await records.GetAsync<Person>(PersonPartition, id, ct) is not { } row)
        {
            return Result<Person>.NotFound(NotFoundMessage);
        }

        var existing = row.Value;
        if (!existing.Active)
        {
            return Result<Person>.Ok(existing);
        }

        var now = time.GetUtcNow();
        var person = existing with { DeactivatedAt = now, UpdatedAt = now };
        return await records.TryReplaceAsync(PersonPartition, id, person, row.ETag, ct) is not null
            ? Result<Person>.Ok(person)
            : Result<Person>.Conflict(ConflictMessage);
    }

    public Task<Result<Unit>> CreateUnitAsync(UnitInput input, CancellationToken ct = default) =>
        CreateUnitAsync(Guid.NewGuid().ToString("N"), input, ct);

    public async Task<Result<Unit>> CreateUnitAsync(string id, UnitInput input, CancellationToken ct = default)
    {
        var now = time.GetUtcNow();
        var unit = new Unit(id, input.Name!.Trim(), input.Kind!.Value, TextInput.Optional(input.HeadPersonId), now, now);
        return await records.TryInsertAsync(UnitPartition, id, unit, ct) ? Result<Unit>.Created(unit) : Result<Unit>.Conflict(ConflictMessage);
    }

    /// <summary>Replaces <paramref name="existing"/> unless it changed since it was read (then a conflict).</summary>
    public async Task<Result<Unit>> UpdateUnitAsync(Versioned<Unit> existing, UnitInput input, CancellationToken ct = default)
    {
        var unit = existing.Value with
        {
            Name = input.Name!.Trim(),
            Kind = input.Kind!.Value,
            HeadPersonId = TextInput.Optional(input.HeadPersonId),
            UpdatedAt = time.GetUtcNow(),
        };
        return await records.TryReplaceAsync(UnitPartition, unit.Id, unit, existing.ETag, ct) is not null
            ? Result<Unit>.Ok(unit)
            : Result<Unit>.Conflict(ConflictMessage);
    }

    /// <summary>Inserts the unique index rows the person needs and does not yet own. Returns errors on a duplicate.</summary>
    private async Task<Dictionary<string, string[]>?> ClaimIndexesAsync(Person person, Person? previous, CancellationToken ct)
    {
        var table = await records.ClientAsync(ct);
        var added = new List<(string Partition, string Key)>();
        foreach (var (partition, key, field, message) in Indexes(person))
        {
            if (previous is not null && Indexes(previous).Any(i => i.Partition == partition && i.Key == key))
            {
                continue;
            }

            if (!await records.TryInsertAsync(new JsonRow { PartitionKey = partition, RowKey = key, Json = person.Id }, ct))
            {
                foreach (var (p, k) in added)
                {
                    await table.DeleteEntityAsync(p, k, ETag.All, ct);
                }

                return new() { [field] = [message] };
            }

            added.Add((partition, key));
        }

        return null;
    }

    /// <summary>Deletes the index rows of <paramref name="person"/> that <paramref name="keep"/> does not also use.</summary>
    private async Task ReleaseIndexesAsync(Person person, Person? keep, CancellationToken ct)
    {
        var table = await records.ClientAsync(ct);
        foreach (var (partition, key, _, _) in Indexes(person))
        {
            if (keep is null || !Indexes(keep).Any(i => i.Partition == partition && i.Key == key))
            {
                await table.DeleteEntityAsync(partition, key, ETag.All, ct);
            }
        }
    }

    private static IEnumerable<(string Partition, string Key, string Field, string Message)> Indexes(Person person)
    {
        yield return (EmailPartition, EmailKey(person.Email), "email", PeopleRules.DuplicateEmail);
        if (person.EntraObjectId is { } oid)
        {
            yield return (ObjectIdPartition, oid, "entraObjectId", "Objekt-id:t används redan av en annan person.");
        }
    }

    private static string EmailKey(string email) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(EmailAddress.Normalize(email))));
}
