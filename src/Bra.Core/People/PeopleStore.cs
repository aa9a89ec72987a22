using System.Security.Cryptography;
using System.Text;
using Azure;
using Azure.Data.Tables;
using Bra.Core.Email;
using Bra.Core.Storage;

namespace Bra.Core.People;

public sealed record Saved<T>(T? Value, Dictionary<string, string[]>? Errors = null, bool NotFound = false, bool Conflict = false)
    where T : class;

/// <summary>
/// The people register in one table: partition <c>person</c> and <c>unit</c> hold the records; <c>email</c> and
/// <c>oid</c> hold unique index rows whose insert fails with 409 on a duplicate, so uniqueness holds under concurrency.
/// </summary>
public sealed class PeopleStore(StorageAccount storage, TimeProvider time)
{
    public const string TableName = "People";
    private const string PersonPartition = "person";
    private const string UnitPartition = "unit";
    private const string EmailPartition = "email";
    private const string ObjectIdPartition = "oid";
    private const string InactiveManager = "Chefen är avaktiverad och kan inte bli chef för någon.";

    public async Task<IReadOnlyList<Person>> ListPeopleAsync(CancellationToken ct = default) =>
        await ListAsync<Person>(PersonPartition, ct);

    public async Task<IReadOnlyList<Unit>> ListUnitsAsync(CancellationToken ct = default) =>
        await ListAsync<Unit>(UnitPartition, ct);

    public async Task<Person?> GetPersonAsync(string id, CancellationToken ct = default) =>
        (await GetRowAsync(PersonPartition, id, ct))?.Read<Person>();

    public async Task<Unit?> GetUnitAsync(string id, CancellationToken ct = default) =>
        (await GetRowAsync(UnitPartition, id, ct))?.Read<Unit>();

    public async Task<Person?> FindByEmailAsync(string email, CancellationToken ct = default) =>
        await GetRowAsync(EmailPartition, EmailKey(email), ct) is { } index ? await GetPersonAsync(index.Json, ct) : null;

    public async Task<Person?> FindByObjectIdAsync(string objectId, CancellationToken ct = default) =>
        await GetRowAsync(ObjectIdPartition, objectId.ToLowerInvariant(), ct) is { } index ? await GetPersonAsync(index.Json, ct) : null;

    public Task<Saved<Person>> CreatePersonAsync(PersonInput input, CancellationToken ct = default) =>
        CreatePersonAsync(Guid.NewGuid().ToString("N"), input, ct);

    public async Task<Saved<Person>> CreatePersonAsync(string id, PersonInput input, CancellationToken ct = default)
    {
        var errors = input.Validate();
        if (errors.Count == 0 && input.ManagerId is not null)
        {
            var manager = await GetPersonAsync(input.ManagerId, ct);
            if (manager is null)
            {
                errors["managerId"] = ["Chefen finns inte i personregistret."];
            }
            else if (!manager.Active)
            {
                errors["managerId"] = [InactiveManager];
            }
        }

        if (errors.Count > 0)
        {
            return new(null, errors);
        }

        var now = time.GetUtcNow();
        var person = new Person(id, input.Name!.Trim(), input.Email!.Trim(), Blank(input.Title), Blank(input.ManagerId),
            Blank(input.EntraObjectId)?.ToLowerInvariant(), (input.Roles ?? []).Distinct().ToList(), now, now);
        var table = await storage.TableAsync(TableName, ct);
        var claimed = await ClaimIndexesAsync(table, person, previous: null, ct);
        if (claimed is not null)
        {
            return new(null, claimed);
        }

        try
        {
            await table.AddEntityAsync(JsonRow.Of(PersonPartition, id, person), ct);
            return new(person);
        }
        catch (RequestFailedException ex) when (ex.Status == 409)
        {
            await ReleaseIndexesAsync(table, person, keep: null, ct);
            return new(null, Conflict: true);
        }
        catch
        {
            await ReleaseIndexesAsync(table, person, keep: null, ct);
            throw;
        }
    }

    public async Task<Saved<Person>> UpdatePersonAsync(string id, PersonInput input, CancellationToken ct = default)
    {
        var table = await storage.TableAsync(TableName, ct);
        var row = await GetRowAsync(PersonPartition, id, ct);
        if (row is null)
        {
            return new(null, NotFound: true);
        }

        var existing = row.Read<Person>();
        var errors = input.Validate();
        if (errors.Count == 0 && input.ManagerId is not null)
        {
            var people = (await ListPeopleAsync(ct)).ToDictionary(p => p.Id);
            if (!people.TryGetValue(input.ManagerId, out var manager))
            {
                errors["managerId"] = ["Chefen finns inte i personregistret."];
            }
            else if (!manager.Active && input.ManagerId != existing.ManagerId)
            {
                errors["managerId"] = [InactiveManager];
            }
            else if (CreatesCycle(id, input.ManagerId, people))
            {
                errors["managerId"] = ["Chefskedjan får inte bli en slinga (A är chef för B som är chef för A)."];
            }
        }

        if (errors.Count > 0)
        {
            return new(null, errors);
        }

        var person = existing with
        {
            Name = input.Name!.Trim(),
            Email = input.Email!.Trim(),
            Title = Blank(input.Title),
            ManagerId = Blank(input.ManagerId),
            EntraObjectId = Blank(input.EntraObjectId)?.ToLowerInvariant(),
            Roles = (input.Roles ?? []).Distinct().ToList(),
            UpdatedAt = time.GetUtcNow(),
        };
        var claimed = await ClaimIndexesAsync(table, person, existing, ct);
        if (claimed is not null)
        {
            return new(null, claimed);
        }

        try
        {
            var updated = JsonRow.Of(PersonPartition, id, person);
            await table.UpdateEntityAsync(updated, row.ETag, TableUpdateMode.Replace, ct);
        }
        catch (RequestFailedException ex) when (ex.Status == 412)
        {
            await ReleaseIndexesAsync(table, person, keep: existing, ct);
            return new(null, Conflict: true);
        }

        await ReleaseIndexesAsync(table, existing, keep: person, ct);
        return new(person);
    }

    /// <summary>
    /// Deactivates a person: the record stays (history refers to it) with <see cref="Person.DeactivatedAt"/> set, so the
    /// person signs in to nothing from now on. Deactivating an already deactivated person changes nothing.
    /// </summary>
    public async Task<Saved<Person>> DeactivatePersonAsync(string id, CancellationToken ct = default)
    {
        var row = await GetRowAsync(PersonPartition, id, ct);
        if (row is null)
        {
            return new(null, NotFound: true);
        }

        var existing = row.Read<Person>();
        if (!existing.Active)
        {
            return new(existing);
        }

        var now = time.GetUtcNow();
        var person = existing with { DeactivatedAt = now, UpdatedAt = now };
        var table = await storage.TableAsync(TableName, ct);
        try
        {
            await table.UpdateEntityAsync(JsonRow.Of(PersonPartition, id, person), row.ETag, TableUpdateMode.Replace, ct);
            return new(person);
        }
        catch (RequestFailedException ex) when (ex.Status == 412)
        {
            return new(null, Conflict: true);
        }
    }

    public Task<Saved<Unit>> CreateUnitAsync(UnitInput input, CancellationToken ct = default) =>
        CreateUnitAsync(Guid.NewGuid().ToString("N"), input, ct);

    public async Task<Saved<Unit>> CreateUnitAsync(string id, UnitInput input, CancellationToken ct = default)
    {
        var errors = await ValidateUnitAsync(input, currentHead: null, ct);
        if (errors.Count > 0)
        {
            return new(null, errors);
        }

        var now = time.GetUtcNow();
        var unit = new Unit(id, input.Name!.Trim(), input.Kind!.Value, Blank(input.HeadPersonId), now, now);
        var table = await storage.TableAsync(TableName, ct);
        try
        {
            await table.AddEntityAsync(JsonRow.Of(UnitPartition, id, unit), ct);
            return new(unit);
        }
        catch (RequestFailedException ex) when (ex.Status == 409)
        {
            return new(null, Conflict: true);
        }
    }

    public async Task<Saved<Unit>> UpdateUnitAsync(string id, UnitInput input, CancellationToken ct = default)
    {
        var row = await GetRowAsync(UnitPartition, id, ct);
        if (row is null)
        {
            return new(null, NotFound: true);
        }

        var current = row.Read<Unit>();
        var errors = await ValidateUnitAsync(input, current.HeadPersonId, ct);
        if (errors.Count > 0)
        {
            return new(null, errors);
        }

        var unit = current with
        {
            Name = input.Name!.Trim(),
            Kind = input.Kind!.Value,
            HeadPersonId = Blank(input.HeadPersonId),
            UpdatedAt = time.GetUtcNow(),
        };
        var table = await storage.TableAsync(TableName, ct);
        try
        {
            await table.UpdateEntityAsync(JsonRow.Of(UnitPartition, id, unit), row.ETag, TableUpdateMode.Replace, ct);
            return new(unit);
        }
        catch (RequestFailedException ex) when (ex.Status == 412)
        {
            return new(null, Conflict: true);
        }
    }

    internal static bool CreatesCycle(string personId, string managerId, IReadOnlyDictionary<string, Person> people)
    {
        var seen = new HashSet<string>();
        for (var current = managerId; current is not null && seen.Add(current);)
        {
            if (current == personId)
            {
                return true;
            }

            current = people.TryGetValue(current, out var next) ? next.ManagerId : null;
        }

        return false;
    }

    /// <summary>Input rules plus lookups; a deactivated person may stay a unit's head but not become one.</summary>
    private async Task<Dictionary<string, string[]>> ValidateUnitAsync(UnitInput input, string? currentHead, CancellationToken ct)
    {
        var errors = input.Validate();
        if (errors.Count == 0 && input.HeadPersonId is not null)
        {
            var head = await GetPersonAsync(input.HeadPersonId, ct);
            if (head is null)
            {
                errors["headPersonId"] = ["Enhetens chef finns inte i personregistret."];
            }
            else if (!head.Active && head.Id != currentHead)
            {
                errors["headPersonId"] = ["Personen är avaktiverad och kan inte bli enhetens chef."];
            }
        }

        return errors;
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
        yield return (EmailPartition, EmailKey(person.Email), "email", "E-postadressen används redan av en annan person.");
        if (person.EntraObjectId is { } oid)
        {
            yield return (ObjectIdPartition, oid, "entraObjectId", "Objekt-id:t används redan av en annan person.");
        }
    }

    private static string EmailKey(string email) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(EmailAddress.Normalize(email))));

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

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
