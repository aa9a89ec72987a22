using System.Security.Cryptography;
using System.Text;
using Azure;
using Azure.Data.Tables;
using Bra.Core.Email;
using Bra.Core.Http;
using Bra.Core.Storage;

namespace Bra.Core.People;

/// <summary>A stored record with the ETag it was read with, so that a change is written only if nobody changed it since.</summary>
public sealed record Versioned<T>(T Value, ETag ETag);

/// <summary>
/// The people register in one table: partition <c>person</c> and <c>unit</c> hold the records; <c>email</c> and
/// <c>oid</c> hold unique index rows whose insert fails with 409 on a duplicate, so uniqueness holds under concurrency.
/// Writes take input already checked by <see cref="PersonInputValidator"/> or <see cref="UnitInputValidator"/> (through
/// <see cref="PeopleRegister"/>); what only the table can tell (a duplicate email or object id, a concurrent change)
/// comes back as a <see cref="WriteResult{T}"/>.
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

    public async Task<IReadOnlyList<Person>> ListPeopleAsync(CancellationToken ct = default) =>
        await ListAsync<Person>(PersonPartition, ct);

    public async Task<IReadOnlyList<Unit>> ListUnitsAsync(CancellationToken ct = default) =>
        await ListAsync<Unit>(UnitPartition, ct);

    public async Task<Person?> GetPersonAsync(string id, CancellationToken ct = default) =>
        (await GetRowAsync(PersonPartition, id, ct))?.Read<Person>();

    public async Task<Unit?> GetUnitAsync(string id, CancellationToken ct = default) =>
        (await GetRowAsync(UnitPartition, id, ct))?.Read<Unit>();

    public async Task<Versioned<Person>?> GetPersonVersionAsync(string id, CancellationToken ct = default) =>
        await GetRowAsync(PersonPartition, id, ct) is { } row ? new(row.Read<Person>(), row.ETag) : null;

    public async Task<Versioned<Unit>?> GetUnitVersionAsync(string id, CancellationToken ct = default) =>
        await GetRowAsync(UnitPartition, id, ct) is { } row ? new(row.Read<Unit>(), row.ETag) : null;

    public async Task<Person?> FindByEmailAsync(string email, CancellationToken ct = default) =>
        await GetRowAsync(EmailPartition, EmailKey(email), ct) is { } index ? await GetPersonAsync(index.Json, ct) : null;

    public async Task<Person?> FindByObjectIdAsync(string objectId, CancellationToken ct = default) =>
        await GetRowAsync(ObjectIdPartition, objectId.ToLowerInvariant(), ct) is { } index ? await GetPersonAsync(index.Json, ct) : null;

    public Task<WriteResult<Person>> CreatePersonAsync(PersonInput input, CancellationToken ct = default) =>
        CreatePersonAsync(Guid.NewGuid().ToString("N"), input, ct);

    public async Task<WriteResult<Person>> CreatePersonAsync(string id, PersonInput input, CancellationToken ct = default)
    {
        var now = time.GetUtcNow();
        var person = new Person(id, input.Name!.Trim(), input.Email!.Trim(), PeopleRules.Blank(input.Title), PeopleRules.Blank(input.ManagerId),
            PeopleRules.Blank(input.EntraObjectId)?.ToLowerInvariant(), (input.Roles ?? []).Distinct().ToList(), now, now);
        var table = await storage.TableAsync(TableName, ct);
        var claimed = await ClaimIndexesAsync(table, person, previous: null, ct);
        if (claimed is not null)
        {
            return WriteResult<Person>.Invalid(claimed);
        }

        try
        {
            await table.AddEntityAsync(JsonRow.Of(PersonPartition, id, person), ct);
            return WriteResult<Person>.Created(person);
        }
        catch (RequestFailedException ex) when (ex.Status == 409)
        {
            await ReleaseIndexesAsync(table, person, keep: null, ct);
            return WriteResult<Person>.Conflict(ConflictMessage);
        }
        catch
        {
            await ReleaseIndexesAsync(table, person, keep: null, ct);
            throw;
        }
    }

    /// <summary>Replaces <paramref name="existing"/> unless it changed since it was read (then a conflict).</summary>
    public async Task<WriteResult<Person>> UpdatePersonAsync(Versioned<Person> existing, PersonInput input, CancellationToken ct = default)
    {
        var previous = existing.Value;
        var person = previous with
        {
            Name = input.Name!.Trim(),
            Email = input.Email!.Trim(),
            Title = PeopleRules.Blank(input.Title),
            ManagerId = PeopleRules.Blank(input.ManagerId),
            EntraObjectId = PeopleRules.Blank(input.EntraObjectId)?.ToLowerInvariant(),
            Roles = (input.Roles ?? []).Distinct().ToList(),
            UpdatedAt = time.GetUtcNow(),
        };
        var table = await storage.TableAsync(TableName, ct);
        var claimed = await ClaimIndexesAsync(table, person, previous, ct);
        if (claimed is not null)
        {
            return WriteResult<Person>.Invalid(claimed);
        }

        try
        {
            await table.UpdateEntityAsync(JsonRow.Of(PersonPartition, person.Id, person), existing.ETag, TableUpdateMode.Replace, ct);
        }
        catch (RequestFailedException ex) when (ex.Status is 412 or 404)
        {
            await ReleaseIndexesAsync(table, person, keep: previous, ct);
            return WriteResult<Person>.Conflict(ConflictMessage);
        }

        await ReleaseIndexesAsync(table, previous, keep: person, ct);
        return WriteResult<Person>.Updated(person);
    }

    /// <summary>
    /// Deactivates a person: the record stays (history refers to it) with <see cref="Person.DeactivatedAt"/> set, so the
    /// person signs in to nothing from now on. Deactivating an already deactivated person changes nothing.
    /// </summary>
    public async Task<WriteResult<Person>> DeactivatePersonAsync(string id, CancellationToken ct = default)
    {
        var row = await GetRowAsync(PersonPartition, id, ct);
        if (row is null)
        {
            return WriteResult<Person>.NotFound(NotFoundMessage);
        }

        var existing = row.Read<Person>();
        if (!existing.Active)
        {
            return WriteResult<Person>.Updated(existing);
        }

        var now = time.GetUtcNow();
        var person = existing with { DeactivatedAt = now, UpdatedAt = now };
        var table = await storage.TableAsync(TableName, ct);
        try
        {
            await table.UpdateEntityAsync(JsonRow.Of(PersonPartition, id, person), row.ETag, TableUpdateMode.Replace, ct);
            return WriteResult<Person>.Updated(person);
        }
        catch (RequestFailedException ex) when (ex.Status == 412)
        {
            return WriteResult<Person>.Conflict(ConflictMessage);
        }
    }

    public Task<WriteResult<Unit>> CreateUnitAsync(UnitInput input, CancellationToken ct = default) =>
        CreateUnitAsync(Guid.NewGuid().ToString("N"), input, ct);

    public async Task<WriteResult<Unit>> CreateUnitAsync(string id, UnitInput input, CancellationToken ct = default)
    {
        var now = time.GetUtcNow();
        var unit = new Unit(id, input.Name!.Trim(), input.Kind!.Value, PeopleRules.Blank(input.HeadPersonId), now, now);
        var table = await storage.TableAsync(TableName, ct);
        try
        {
            await table.AddEntityAsync(JsonRow.Of(UnitPartition, id, unit), ct);
            return WriteResult<Unit>.Created(unit);
        }
        catch (RequestFailedException ex) when (ex.Status == 409)
        {
            return WriteResult<Unit>.Conflict(ConflictMessage);
        }
    }

    /// <summary>Replaces <paramref name="existing"/> unless it changed since it was read (then a conflict).</summary>
    public async Task<WriteResult<Unit>> UpdateUnitAsync(Versioned<Unit> existing, UnitInput input, CancellationToken ct = default)
    {
        var unit = existing.Value with
        {
            Name = input.Name!.Trim(),
            Kind = input.Kind!.Value,
            HeadPersonId = PeopleRules.Blank(input.HeadPersonId),
            UpdatedAt = time.GetUtcNow(),
        };
        var table = await storage.TableAsync(TableName, ct);
        try
        {
            await table.UpdateEntityAsync(JsonRow.Of(UnitPartition, unit.Id, unit), existing.ETag, TableUpdateMode.Replace, ct);
            return WriteResult<Unit>.Updated(unit);
        }
        catch (RequestFailedException ex) when (ex.Status is 412 or 404)
        {
            return WriteResult<Unit>.Conflict(ConflictMessage);
        }
    }

    /// <summary>Inserts the unique index rows the person needs and does not yet own. Returns errors on a duplicate.</summary>
    private static async Task<Dictionary<string, string[]>?> ClaimIndexesAsync(TableClient table, Person person, Person? previous, CancellationToken ct)
    {
        var added = new List<(string Partition, string Key)>();
        foreach (var (partition, key, field, message) in Indexes(person))
        {
            if (previous is not null && Indexes(previous).Any(i => i.Partition == partition && i.Key == key))
            {
                continue;
            }

            try
            {
                await table.AddEntityAsync(new JsonRow { PartitionKey = partition, RowKey = key, Json = person.Id }, ct);
                added.Add((partition, key));
            }
            catch (RequestFailedException ex) when (ex.Status == 409)
            {
                foreach (var (p, k) in added)
                {
                    await table.DeleteEntityAsync(p, k, ETag.All, ct);
                }

                return new() { [field] = [message] };
            }
        }

        return null;
    }

    /// <summary>Deletes the index rows of <paramref name="person"/> that <paramref name="keep"/> does not also use.</summary>
    private static async Task ReleaseIndexesAsync(TableClient table, Person person, Person? keep, CancellationToken ct)
    {
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

        private async Task<JsonRow?> GetRowAsync(string partition, string key, CancellationToken ct)
    {
        var table = await storage.TableAsync(TableName, ct);
        var response = await table.GetEntityIfExistsAsync<JsonRow>(partition, key, cancellationToken: ct);
        return response.HasValue ? response.Value : null;
    }

    private async Task<List<T>> ListAsync<T>(string partition, CancellationToken ct)
    {
        var table = await storage.TableAsync(TableName, ct);
        var list = new List<T>();
        await foreach (var row in table.QueryAsync<JsonRow>(r => r.PartitionKey == partition, cancellationToken: ct))
        {
            list.Add(row.Read<T>());
        }

        return list;
    }
}
